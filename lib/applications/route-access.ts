import { and, eq, inArray } from 'drizzle-orm';
import { applications } from '@/lib/db/schema';
import type { Db } from '@/lib/db/types';
import type { AppPathname, RouteParams } from '@/lib/i18n/routing';
import { INSPECTED_TYPES } from '@/lib/inspections/types';
import {
  type ApplicationTypeDef,
  type Catalogue,
  APPLICATION_TYPES,
  findTypeByPrefix,
} from './catalogue';
import { isReference } from './paths';

/** The application routes that name one application: only its owner may open them. */
export const APPLICATION_ROUTES = new Set<AppPathname>([
  '/building-code-services/applications/new',
  '/building-code-services/applications/new/[type]',
  '/building-code-services/applications/[reference]',
  '/building-code-services/applications/[reference]/step/[step]',
  '/building-code-services/applications/[reference]/payment',
  '/building-code-services/applications/[reference]/receipt/[invoice]',
  '/building-code-services/applications/[reference]/test-payment',
  '/building-code-services/applications/[reference]/inspections/new',
]);

/**
 * Application routes that exist only for some types in some statuses: for any other application,
 * even the owner's, they are the "page not found" (nothing there to offer).
 */
export const ROUTE_CONDITIONS: Partial<
  Record<AppPathname, { types: readonly string[]; statuses: readonly string[] }>
> = {
  '/building-code-services/applications/[reference]/inspections/new': {
    types: INSPECTED_TYPES,
    statuses: ['issued'],
  },
};

/** A step's number in the URL (1, 2, …) → the step, or null. */
export function stepAt(type: ApplicationTypeDef, number: string | undefined) {
  if (!number || !/^[1-9]\d?$/.test(number)) return null;
  return type.steps[Number(number) - 1] ?? null;
}

/** A step's number in the URL. */
export function stepNumber(type: ApplicationTypeDef, stepKey: string): string {
  return String(type.steps.findIndex((s) => s.key === stepKey) + 1);
}

/**
 * What an application route's parameters name, checked without the database: a known type, a
 * well-formed reference of a known type, a step that type has. null when they name nothing (the
 * localized "page not found").
 */
export function applicationRouteTarget(
  params: RouteParams,
  catalogue: Catalogue = APPLICATION_TYPES,
): { type: ApplicationTypeDef | null; reference: string | null } | null {
  if (params.type !== undefined) {
    const type = findTypeByPrefix(params.type, catalogue);
    return type ? { type, reference: null } : null;
  }
  if (params.reference === undefined) return { type: null, reference: null };
  if (!isReference(params.reference)) return null;
  const type = findTypeByPrefix(params.reference.slice(0, 3), catalogue);
  if (!type) return null;
  if (params.step !== undefined && !stepAt(type, params.step)) return null;
  return { type, reference: params.reference };
}

/**
 * Whether this person owns this application, in one of `statuses` when given: one indexed read
 * (the reference is unique).
 */
export async function ownsApplication(
  db: Db,
  userId: string,
  reference: string,
  statuses?: readonly string[],
): Promise<boolean> {
  const [row] = await db
    .select({ id: applications.id })
    .from(applications)
    .where(
      and(
        eq(applications.reference, reference),
        eq(applications.userId, userId),
        statuses ? inArray(applications.status, [...statuses]) : undefined,
      ),
    );
  return Boolean(row);
}
