'use server';

import { deliverOutboxSoon } from '@/lib/email/deliver';
import { z } from 'zod';
import { emailError } from '@/lib/accounts/email-address';
import type { ClientRowProblem } from '@/lib/clients/import-client-records';
import { MAX_IMPORT_FILE_BYTES, validDaysFrom } from '@/lib/clients/import-client-records';
import { formAction, type ActionContext } from '@/lib/forms/form-action';
import { redirect } from '@/lib/i18n/navigation';
import type { Locale } from '@/lib/i18n/routing';
import { ADMIN_ONLY } from '@/lib/staff/roles';
import { requireStaffAction } from '@/lib/staff/require-staff';
import {
  lookUpResident,
  residentAccount,
  supportImportClientPins,
  supportIssueClientPin,
  supportRequirePasswordChange,
  supportResendActivation,
  supportUnlockPinLink,
} from '@/lib/staff/support';

/**
 * The administrators' support screens (APPLICATIONS.md, "The staff area" → Support). Every
 * action checks the staff session and its role on the server first (STF-02): another role gets
 * "not found" and nothing is done. Each calls the command's domain function through
 * lib/staff/support.ts, which writes the staff audit row.
 */
const admin = ({ locale }: ActionContext) => requireStaffAction(locale, ADMIN_ONLY);

export type ResidentDone =
  | 'activationResent'
  | 'alreadyActive'
  | 'passwordChangeRequired'
  | 'pinLinkUnlocked'
  | 'pinLinkNotLocked';

function toResident(locale: Locale, userId: string, done?: ResidentDone): never {
  return redirect({
    href: {
      pathname: '/staff/support/residents/[userId]',
      params: { userId },
      ...(done ? { query: { done } } : {}),
    },
    locale,
  });
}

const findSchema = z.object({
  email: z.string().superRefine((value, ctx) => {
    const error = emailError(value);
    if (error) ctx.addIssue({ code: 'custom', message: `Fields.email.errors.${error}` });
  }),
});

/** "Trouver le compte": the account's page, or "no account uses this address" by the field. */
export const findResidentAction = formAction(
  { schema: findSchema, load: admin },
  async ({ email }, { locale, ip, deps, loaded }) => {
    const account = await lookUpResident(deps, email, { actorId: loaded.id, ip });
    if (!account) return { fieldErrors: { email: 'StaffSupportPage.errors.notFound' } };
    return toResident(locale, account.id);
  },
);

const accountSchema = z.object({ userId: z.string().max(64) });

/** The account the form names, or "this account no longer exists". */
async function accountOf(ctx: ActionContext, userId: string) {
  return residentAccount(ctx.deps, userId);
}

export const resendActivationAction = formAction(
  { schema: accountSchema, load: admin },
  async ({ userId }, ctx) => {
    const account = await accountOf(ctx, userId);
    if (!account) return { formError: 'StaffResidentPage.errors.gone' };
    const result = await supportResendActivation(ctx.deps, account, {
      actorId: ctx.loaded.id,
      ip: ctx.ip,
    });
    if (result === 'no_account') return { formError: 'StaffResidentPage.errors.gone' };
    if (result === 'too_many') return { formError: 'StaffResidentPage.errors.tooManyMails' };
    // Committed: the new activation link leaves after the response.
    if (result === 'sent') deliverOutboxSoon();
    return toResident(
      ctx.locale,
      account.id,
      result === 'sent' ? 'activationResent' : 'alreadyActive',
    );
  },
);

export const requirePasswordChangeAction = formAction(
  { schema: accountSchema, load: admin },
  async ({ userId }, ctx) => {
    const account = await accountOf(ctx, userId);
    if (!account) return { formError: 'StaffResidentPage.errors.gone' };
    const flagged = await supportRequirePasswordChange(ctx.deps, account, {
      actorId: ctx.loaded.id,
      ip: ctx.ip,
    });
    if (!flagged) return { formError: 'StaffResidentPage.errors.gone' };
    return toResident(ctx.locale, account.id, 'passwordChangeRequired');
  },
);

export const unlockPinLinkAction = formAction(
  { schema: accountSchema, load: admin },
  async ({ userId }, ctx) => {
    const account = await accountOf(ctx, userId);
    if (!account) return { formError: 'StaffResidentPage.errors.gone' };
    const result = await supportUnlockPinLink(ctx.deps, account, {
      actorId: ctx.loaded.id,
      ip: ctx.ip,
    });
    if (result === 'no_account') return { formError: 'StaffResidentPage.errors.gone' };
    return toResident(
      ctx.locale,
      account.id,
      result === 'unlocked' ? 'pinLinkUnlocked' : 'pinLinkNotLocked',
    );
  },
);

const validDays = (key: string) => z.string().refine((v) => validDaysFrom(v) !== 'invalid', key);

const issueSchema = z.object({
  firstName: z.string().max(1000, 'StaffClientPinsPage.fields.firstName.errors.tooLong'),
  lastName: z.string().max(1000, 'StaffClientPinsPage.fields.lastName.errors.tooLong'),
  clientNumber: z.string().max(1000, 'StaffClientPinsPage.fields.clientNumber.errors.tooLong'),
  address: z.string().max(3000, 'StaffClientPinsPage.fields.address.errors.tooLong'),
  validDays: validDays('StaffClientPinsPage.fields.validDays.errors.invalid'),
});
type IssueField = Exclude<keyof z.input<typeof issueSchema>, 'validDays'>;

const FIELD_OF: Record<ClientRowProblem['column'], IssueField> = {
  client_number: 'clientNumber',
  first_name: 'firstName',
  last_name: 'lastName',
  address: 'address',
};

/**
 * "Émettre le NIP": the command's `issue`, the same checks (`issueClientRecord`); the PIN is in
 * this answer only, for the mailing, and never stored in clear or written to a log.
 */
export const issueClientPinAction = formAction(
  { schema: issueSchema, load: admin },
  async (input, { ip, deps, loaded }) => {
    const days = validDaysFrom(input.validDays);
    const issued = await supportIssueClientPin(
      deps,
      {
        clientNumber: input.clientNumber,
        firstName: input.firstName,
        lastName: input.lastName,
        address: input.address,
      },
      { validDays: days === 'invalid' ? undefined : days },
      { actorId: loaded.id, ip },
    );
    if (issued.status === 'refused') {
      const fieldErrors: Partial<Record<IssueField, string>> = {};
      for (const problem of issued.problems) {
        const field = FIELD_OF[problem.column];
        fieldErrors[field] ??= `StaffClientPinsPage.fields.${field}.errors.${problem.code}`;
      }
      const ordered: Partial<Record<IssueField, string>> = {};
      for (const field of ['firstName', 'lastName', 'clientNumber', 'address'] as const) {
        if (fieldErrors[field]) ordered[field] = fieldErrors[field];
      }
      return { fieldErrors: ordered };
    }
    return { once: { clientNumber: issued.clientNumber, pin: issued.pin } };
  },
);

const importSchema = z.object({
  file: z.string(),
  importValidDays: validDays('StaffClientPinsPage.fields.validDays.errors.invalid'),
});

/**
 * "Importer le fichier": the command's `import` (`importClientRecords`): each row stands alone;
 * the answer gives the counts, each refused row as a code the page words in its language, and
 * the mailing file — the only place the PINs exist in clear — once, for download.
 */
export const importClientPinsAction = formAction(
  {
    schema: importSchema,
    // The file is not a text field: it is read here, after the role check.
    load: async (ctx, form) => ({ staff: await admin(ctx), file: form.get('file') }),
  },
  async (input, { ip, deps, loaded }) => {
    const file = loaded.file;
    if (!(file instanceof File) || file.size === 0) {
      return { fieldErrors: { file: 'StaffClientPinsPage.fields.file.errors.required' } };
    }
    if (file.size > MAX_IMPORT_FILE_BYTES) {
      return { fieldErrors: { file: 'StaffClientPinsPage.fields.file.errors.tooLarge' } };
    }
    let csv: string;
    try {
      csv = new TextDecoder('utf-8', { fatal: true }).decode(await file.arrayBuffer());
    } catch {
      return { fieldErrors: { file: 'StaffClientPinsPage.fields.file.errors.notText' } };
    }
    const days = validDaysFrom(input.importValidDays);
    const result = await supportImportClientPins(
      deps,
      csv,
      { validDays: days === 'invalid' ? undefined : days },
      { actorId: loaded.staff.id, ip },
    );
    if (result.errors.some((e) => e.header)) {
      return { fieldErrors: { file: 'StaffClientPinsPage.fields.file.errors.header' } };
    }
    return {
      once: {
        issued: String(result.issued.length),
        refused: String(result.errors.length),
        rows: result.errors.flatMap((e) =>
          e.problems.map((p) =>
            JSON.stringify({ line: e.line, code: p.code, column: p.column, max: p.max ?? 0 }),
          ),
        ),
        mailing: result.issued.length > 0 ? result.mailing : '',
      },
    };
  },
);
