import {
  addBusinessDays,
  addDays,
  holidayOn,
  isPlainDate,
  isWeekend,
  ottawaDate,
  previousBusinessDay,
  type PlainDate,
} from '@/lib/calendar/business-days';
import { ottawaInstant } from '@/lib/calendar/ottawa-time';

/**
 * When an inspection may be asked for and cancelled (APPLICATIONS.md, "After issuance"): a
 * business day at least 2 business days ahead and within 30 days; cancellable until 15:00 the
 * business day before. Pure: the caller passes the time, the tests a fake clock.
 */
export const MIN_BUSINESS_DAYS_AHEAD = 2;
export const MAX_CALENDAR_DAYS_AHEAD = 30;
export const CANCEL_HOUR = 15;

/** Why a preferred day is refused; each has its message beside the field. */
export type PreferredDayRefusal = 'invalid' | 'weekend' | 'holiday' | 'too_soon' | 'too_far';

/** The first and last days a request made at `now` may ask for. */
export function bookingWindow(now: Date): { earliest: PlainDate; latest: PlainDate } {
  const today = ottawaDate(now);
  return {
    earliest: addBusinessDays(today, MIN_BUSINESS_DAYS_AHEAD),
    latest: addDays(today, MAX_CALENDAR_DAYS_AHEAD),
  };
}

/**
 * null when `day` may be asked for at `now`, else why not: a past or too far day by its timing,
 * then a weekend or a holiday by that (what the person can fix by picking another day of the
 * week), then a day too soon.
 */
export function refusePreferredDay(now: Date, day: string): PreferredDayRefusal | null {
  if (!isPlainDate(day)) return 'invalid';
  const { earliest, latest } = bookingWindow(now);
  if (day > latest || day <= ottawaDate(now)) return day > latest ? 'too_far' : 'too_soon';
  if (isWeekend(day)) return 'weekend';
  if (holidayOn(day) !== null) return 'holiday';
  if (day < earliest) return 'too_soon';
  return null;
}

/** The last moment an inspection on `day` may be cancelled: 15:00 the business day before. */
export function cancellationDeadline(day: PlainDate): Date {
  return ottawaInstant(previousBusinessDay(day), CANCEL_HOUR);
}

export function canCancel(now: Date, day: PlainDate): boolean {
  return now.getTime() < cancellationDeadline(day).getTime();
}
