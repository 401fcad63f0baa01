import { and, eq, inArray, or } from 'drizzle-orm';
import { z } from 'zod';
import { findType } from '@/lib/applications/catalogue';
import { applicationAnswers, applications, inspections } from '@/lib/db/schema';
import type { Db } from '@/lib/db/types';
import { isUniqueViolation } from '@/lib/db/unique-violation';
import { hasHiddenCharacters } from '@/lib/forms/hidden-characters';
import { normalizePhone } from '@/lib/registration/profile-schema';
import { addDays, previousBusinessDay } from '@/lib/calendar/business-days';
import { bookingWindow, refusePreferredDay, type PreferredDayRefusal } from './booking-rules';
import { createInspection, OPEN_INSPECTION_STATUSES } from './status-machine';
import {
  INSPECTED_TYPES,
  INSPECTION_PERIODS,
  INSPECTION_TYPES,
  type InspectionPeriod,
  type InspectionType,
} from './types';

/**
 * "Demander une inspection" (APPLICATIONS.md, "After issuance"): the owner of an issued
 * construction permit asks for an inspection of one type on a preferred business day and
 * half-day, naming the on-site contact. Refusals are field errors (message keys) beside the field.
 */

/** Whether a page offers inspections for this application at all (the list), and the request. */
export function hasInspections(application: { type: string; status: string }): boolean {
  return (
    INSPECTED_TYPES.includes(application.type) &&
    (application.status === 'issued' || application.status === 'closed')
  );
}
export function canRequestInspection(application: { type: string; status: string }): boolean {
  return INSPECTED_TYPES.includes(application.type) && application.status === 'issued';
}

/** The form's fields, in the page's order (the error summary's). */
export const INSPECTION_REQUEST_FIELDS = [
  'type',
  'preferredOn',
  'period',
  'contactName',
  'contactPhone',
] as const;
export type InspectionRequestField = (typeof INSPECTION_REQUEST_FIELDS)[number];
export const CONTACT_NAME_MAX_LENGTH = 100;

const key = (field: InspectionRequestField, rule: string) =>
  `Inspections.request.${field}.errors.${rule}`;

const DAY_RULES: Record<PreferredDayRefusal, string> = {
  invalid: 'invalid',
  weekend: 'weekend',
  holiday: 'holiday',
  too_soon: 'tooSoon',
  too_far: 'tooFar',
};

const choice = <T extends readonly string[]>(field: InspectionRequestField, values: T) =>
  z
    .string()
    .default('')
    .transform((v, ctx) => {
      if (!v) ctx.addIssue({ code: 'custom', message: key(field, 'required') });
      else if (!values.includes(v))
        ctx.addIssue({ code: 'custom', message: key(field, 'invalid') });
      return v as T[number];
    });

/** The request's rules at `now` (the preferred day depends on the day it is asked). */
export function inspectionRequestSchema(now: Date) {
  return z.object({
    type: choice('type', INSPECTION_TYPES),
    preferredOn: z
      .string()
      .default('')
      .transform((raw, ctx) => {
        const day = raw.trim();
        if (!day) {
          ctx.addIssue({ code: 'custom', message: key('preferredOn', 'required') });
          return day;
        }
        const refusal = refusePreferredDay(now, day);
        if (refusal)
          ctx.addIssue({ code: 'custom', message: key('preferredOn', DAY_RULES[refusal]) });
        return day;
      }),
    period: choice('period', INSPECTION_PERIODS),
    contactName: z
      .string()
      .default('')
      .transform((raw, ctx) => {
        const v = raw.trim();
        if (!v) ctx.addIssue({ code: 'custom', message: key('contactName', 'required') });
        else if ([...v].length > CONTACT_NAME_MAX_LENGTH)
          ctx.addIssue({ code: 'custom', message: key('contactName', 'tooLong') });
        else if (hasHiddenCharacters(v))
          ctx.addIssue({ code: 'custom', message: key('contactName', 'invalid') });
        return v;
      }),
    // As the profile checks phones (VAL-01): a 10-digit North American number, stored normalized.
    contactPhone: z
      .string()
      .default('')
      .transform((raw, ctx) => {
        const v = raw.trim();
        if (!v) {
          ctx.addIssue({ code: 'custom', message: key('contactPhone', 'required') });
          return v;
        }
        const phone = normalizePhone(v);
        if (!phone) ctx.addIssue({ code: 'custom', message: key('contactPhone', 'invalid') });
        return phone ?? v;
      }),
  });
}

export type InspectionRequestInput = Partial<Record<InspectionRequestField, string>>;

export type RequestInspectionResult =
  | { status: 'ok'; inspectionId: string }
  /** Another resident's reference, one that does not exist, or a type never inspected. */
  | { status: 'not_found' }
  /** Not (or no longer) an issued permit: no page offers the request. */
  | { status: 'not_allowed' }
  | {
      status: 'invalid';
      fieldErrors: Partial<Record<InspectionRequestField, string>>;
      /** The first and last days that may be asked for (noon UTC of each Ottawa day, ms). */
      messageValues: { earliest: number; latest: number };
    };

/**
 * The first and last days a request made at `now` may name, both business days: the booking
 * window's last day when it is one, else the business day before it (the window may end on a
 * Sunday). The page's date input and its messages name these.
 */
export function bookableDays(now: Date): { earliest: string; latest: string } {
  const window = bookingWindow(now);
  return { earliest: window.earliest, latest: previousBusinessDay(addDays(window.latest, 1)) };
}

/** A plain day as a time the messages format as that day in Ottawa (`{earliest, date, full}`). */
const dayValue = (day: string) => Date.parse(`${day}T12:00:00Z`);

/**
 * Checks the request, then in one transaction: the application, read FOR UPDATE by reference and
 * owner (anyone else's reference, or none, is 'not_found'), an issued construction permit; no
 * open request of the same type and none already passed; the inspection and its timeline event
 * through `createInspection`. Two tabs sending the same type at once: the second waits on the
 * application's lock and sees the first; should the unique index still refuse it
 * (inspections_open_type_idx), it is the same refusal beside the type.
 */
export async function requestInspection(
  deps: { db: Db },
  input: { userId: string; reference: string; input: InspectionRequestInput; now: Date },
): Promise<RequestInspectionResult> {
  const { now } = input;
  const window = bookableDays(now);
  const messageValues = { earliest: dayValue(window.earliest), latest: dayValue(window.latest) };
  const invalid = (fieldErrors: Partial<Record<InspectionRequestField, string>>) => ({
    status: 'invalid' as const,
    fieldErrors,
    messageValues,
  });
  const parsed = inspectionRequestSchema(now).safeParse(input.input);
  const fieldErrors: Partial<Record<InspectionRequestField, string>> = {};
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = issue.path[0] as InspectionRequestField;
      fieldErrors[field] ??= issue.message;
    }
  }
  try {
    return await deps.db.transaction(async (tx): Promise<RequestInspectionResult> => {
      const [application] = await tx
        .select({ id: applications.id, type: applications.type, status: applications.status })
        .from(applications)
        .where(
          and(eq(applications.reference, input.reference), eq(applications.userId, input.userId)),
        )
        .for('update');
      if (!application || !INSPECTED_TYPES.includes(application.type)) {
        return { status: 'not_found' };
      }
      if (!canRequestInspection(application)) return { status: 'not_allowed' };
      const type = parsed.success ? parsed.data.type : (input.input.type as InspectionType);
      if (!fieldErrors.type) {
        const [earlier] = await tx
          .select({ status: inspections.status })
          .from(inspections)
          .where(
            and(
              eq(inspections.applicationId, application.id),
              eq(inspections.type, type),
              or(
                inArray(inspections.status, OPEN_INSPECTION_STATUSES),
                and(eq(inspections.status, 'done'), eq(inspections.result, 'passed')),
              ),
            ),
          )
          .limit(1);
        if (earlier) {
          fieldErrors.type = key('type', earlier.status === 'done' ? 'alreadyPassed' : 'duplicate');
        }
      }
      if (!parsed.success || Object.keys(fieldErrors).length > 0) {
        return invalid(ordered(fieldErrors));
      }
      const data = parsed.data;
      const created = await createInspection(tx, {
        values: {
          applicationId: application.id,
          type: data.type,
          preferredOn: data.preferredOn,
          period: data.period as InspectionPeriod,
          contactName: data.contactName,
          contactPhone: data.contactPhone,
          postalPrefix: await postalPrefixOf(tx, application.id, application.type),
          requestedAt: now,
        },
        applicationStatus: application.status,
        actor: { role: 'resident', id: input.userId },
        now,
      });
      if (created.status !== 'ok') return { status: 'not_allowed' };
      return { status: 'ok', inspectionId: created.id };
    });
  } catch (error) {
    if (!isUniqueViolation(error, 'inspections_open_type_idx')) throw error;
    return invalid(ordered({ ...fieldErrors, type: key('type', 'duplicate') }));
  }
}

/** The errors in the form's order: the error summary lists them so. */
function ordered(errors: Partial<Record<InspectionRequestField, string>>) {
  const out: Partial<Record<InspectionRequestField, string>> = {};
  for (const field of INSPECTION_REQUEST_FIELDS) if (errors[field]) out[field] = errors[field];
  return out;
}

/**
 * The inspectors' area: the first three characters of the site's postal code (the location
 * step's answer), "K1P"; null when there is none.
 */
async function postalPrefixOf(tx: Db, applicationId: string, typeKey: string) {
  const type = findType(typeKey);
  if (!type) return null;
  const [row] = await tx
    .select({ answers: applicationAnswers.answers })
    .from(applicationAnswers)
    .where(
      and(
        eq(applicationAnswers.applicationId, applicationId),
        eq(applicationAnswers.step, type.addressStep),
      ),
    );
  const postalCode = row?.answers.sitePostalCode;
  if (typeof postalCode !== 'string') return null;
  const compact = postalCode.toUpperCase().replace(/\s+/g, '');
  return compact.length >= 3 ? compact.slice(0, 3) : null;
}
