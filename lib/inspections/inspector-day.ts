import { and, eq, sql } from 'drizzle-orm';
import {
  addBusinessDays,
  isPlainDate,
  ottawaDate,
  type PlainDate,
} from '@/lib/calendar/business-days';
import { applications, inspections } from '@/lib/db/schema';
import type { Db } from '@/lib/db/types';
import type { InspectionStatus } from './status-machine';
import type { InspectionPeriod, InspectionType } from './types';

/** The statuses the day view shows and filters by: the open ones and the done ones. */
export const DAY_STATUSES = [
  'requested',
  'scheduled',
  'done',
] as const satisfies readonly InspectionStatus[];
export type DayStatus = (typeof DAY_STATUSES)[number];

/** An area: a postal code's first three characters (K1P), as inspections.postal_prefix holds it. */
const AREA = /^[A-Za-z]\d[A-Za-z]$/;

export interface InspectorDayFilters {
  /** The day (YYYY-MM-DD); by default defaultInspectionDay(now). */
  day: PlainDate;
  /** A postal prefix, any letter case ("k1p"). */
  area?: string;
  status?: DayStatus;
}

export interface InspectorDayRow {
  id: string;
  reference: string;
  siteAddress: string | null;
  area: string | null;
  type: InspectionType;
  period: InspectionPeriod;
  contactName: string;
  contactPhone: string;
  status: DayStatus;
  windowStart: string | null;
  windowEnd: string | null;
  requestedAt: Date;
}

export interface InspectorDay {
  day: PlainDate;
  rows: InspectorDayRow[];
  /** The day's areas (before the area and status filters), with how many inspections each. */
  areas: { area: string | null; count: number }[];
}

/** The day the view opens on: today in Ottawa, or the next business day if today is not one. */
export function defaultInspectionDay(now: Date): PlainDate {
  return addBusinessDays(ottawaDate(now), 0);
}

const one = (value: string | string[] | undefined) => (typeof value === 'string' ? value : '');

/**
 * The day view's filters from the query string (`day`, `area`, `status`): what is not a real
 * day, an area or a known status is ignored (the default day, every area, every status).
 */
export function parseInspectorDayFilters(
  query: Record<string, string | string[] | undefined>,
  now: Date,
): InspectorDayFilters {
  const day = one(query.day).trim();
  const area = one(query.area).trim().toUpperCase();
  const status = one(query.status);
  return {
    day: isPlainDate(day) ? day : defaultInspectionDay(now),
    ...(AREA.test(area) ? { area } : {}),
    ...((DAY_STATUSES as readonly string[]).includes(status)
      ? { status: status as DayStatus }
      : {}),
  };
}

const PERIOD_ORDER: Record<string, number> = { morning: 0, afternoon: 1 };

/**
 * The inspectors' day (issue 20): the open (requested, scheduled) and done inspections whose day
 * is `day`, with their application's reference and site address, sorted by area (none last),
 * half-day (morning first) and request time. One statement through inspections_day_idx (the
 * day, then the area). A day holds a few hundred inspections at the City's scale, so the area list
 * and the filters work on that one answer.
 */
export async function listInspectorDay(
  db: Db,
  filters: InspectorDayFilters,
): Promise<InspectorDay> {
  const columns = {
    id: inspections.id,
    reference: applications.reference,
    siteAddress: applications.siteAddress,
    area: inspections.postalPrefix,
    type: inspections.type,
    period: inspections.period,
    contactName: inspections.contactName,
    contactPhone: inspections.contactPhone,
    status: inspections.status,
    windowStart: inspections.windowStart,
    windowEnd: inspections.windowEnd,
    requestedAt: inspections.requestedAt,
  };
  const rows = await db
    .select(columns)
    .from(inspections)
    .innerJoin(applications, eq(applications.id, inspections.applicationId))
    .where(
      and(
        eq(inspections.preferredOn, filters.day),
        sql`${inspections.status} in ('requested', 'scheduled', 'done')`,
      ),
    );
  const all = rows.map((row) => ({
    ...row,
    area: row.area?.toUpperCase() ?? null,
    type: row.type as InspectionType,
    period: row.period as InspectionPeriod,
    status: row.status as DayStatus,
  }));
  all.sort(
    (a, b) =>
      compareAreas(a.area, b.area) ||
      (PERIOD_ORDER[a.period] ?? 2) - (PERIOD_ORDER[b.period] ?? 2) ||
      a.requestedAt.getTime() - b.requestedAt.getTime() ||
      a.id.localeCompare(b.id),
  );
  const counts = new Map<string | null, number>();
  for (const row of all) counts.set(row.area, (counts.get(row.area) ?? 0) + 1);
  return {
    day: filters.day,
    areas: [...counts].map(([area, count]) => ({ area, count })),
    rows: all.filter(
      (row) =>
        (!filters.area || row.area === filters.area.toUpperCase()) &&
        (!filters.status || row.status === filters.status),
    ),
  };
}

/** Areas in order, an inspection with no area (no postal code) last. */
function compareAreas(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a < b ? -1 : 1;
}
