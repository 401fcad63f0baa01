import HOLIDAYS from './ontario-holidays.json';

/**
 * Ontario business days, the unit of the City's clock and of inspection bookings: every day but
 * Saturdays, Sundays and the holidays of `ontario-holidays.json` (a dated data file: the
 * Legislation Act, 2006's holidays and the Civic Holiday, year by year). Days are plain calendar
 * dates, "YYYY-MM-DD", in Ottawa's time zone: no arithmetic here ever crosses a clock change.
 */

export type PlainDate = string;

export type HolidayKey = (typeof HOLIDAYS.years)[keyof typeof HOLIDAYS.years][number]['key'];

const YEARS = HOLIDAYS.years as Record<string, { date: string; key: HolidayKey }[]>;
const BY_DATE = new Map<PlainDate, HolidayKey>(
  Object.values(YEARS).flatMap((days) => days.map((day) => [day.date, day.key] as const)),
);
const FIRST_YEAR = Math.min(...Object.keys(YEARS).map(Number));
const LAST_YEAR = Math.max(...Object.keys(YEARS).map(Number));

/** The years the data file covers: outside them no answer would be trustworthy. */
export const HOLIDAY_YEARS = { first: FIRST_YEAR, last: LAST_YEAR } as const;

export const TIME_ZONE = 'America/Toronto';

const DAY_FORMAT = new Intl.DateTimeFormat('en-CA', {
  timeZone: TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** The calendar date in Ottawa at `instant` ("2026-05-15"). */
export function ottawaDate(instant: Date): PlainDate {
  return DAY_FORMAT.format(instant);
}

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Whether `value` is a real calendar date written "YYYY-MM-DD". */
export function isPlainDate(value: string): value is PlainDate {
  const m = DATE_PATTERN.exec(value);
  if (!m) return false;
  const utc = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return utc.toISOString().slice(0, 10) === value;
}

function toUtc(day: PlainDate): Date {
  if (!isPlainDate(day)) throw new RangeError(`not a date: ${day}`);
  return new Date(`${day}T00:00:00Z`);
}

/** `day` moved by `days` calendar days. */
export function addDays(day: PlainDate, days: number): PlainDate {
  const utc = toUtc(day);
  utc.setUTCDate(utc.getUTCDate() + days);
  return utc.toISOString().slice(0, 10);
}

function covered(day: PlainDate): void {
  const year = Number(day.slice(0, 4));
  if (year < FIRST_YEAR || year > LAST_YEAR) {
    throw new RangeError(
      `${day} is outside the holiday file (${FIRST_YEAR}–${LAST_YEAR}): add its year to lib/calendar/ontario-holidays.json`,
    );
  }
}

/** The holiday on `day`, or null (weekends are not holidays here, just not business days). */
export function holidayOn(day: PlainDate): HolidayKey | null {
  covered(day);
  return BY_DATE.get(day) ?? null;
}

export function isWeekend(day: PlainDate): boolean {
  const weekday = toUtc(day).getUTCDay();
  return weekday === 0 || weekday === 6;
}

export function isBusinessDay(day: PlainDate): boolean {
  return !isWeekend(day) && holidayOn(day) === null;
}

/**
 * The `count`-th business day after `day` (`day` itself never counts): 10 business days after
 * a Friday acceptance is the second Friday after it, later by each holiday in between. A count
 * of 0 gives `day` itself when it is a business day, else the next one.
 */
export function addBusinessDays(day: PlainDate, count: number): PlainDate {
  if (!Number.isInteger(count) || count < 0) throw new RangeError(`bad count: ${count}`);
  let current = day;
  if (count === 0) {
    while (!isBusinessDay(current)) current = addDays(current, 1);
    return current;
  }
  let left = count;
  while (left > 0) {
    current = addDays(current, 1);
    if (isBusinessDay(current)) left--;
  }
  return current;
}

/** The business days after `from` up to and including `to` (0 when `to` is not after `from`). */
export function businessDaysBetween(from: PlainDate, to: PlainDate): number {
  let count = 0;
  for (let day = addDays(from, 1); day <= to; day = addDays(day, 1)) {
    if (isBusinessDay(day)) count++;
  }
  return count;
}

/** The last business day before `day`. */
export function previousBusinessDay(day: PlainDate): PlainDate {
  let current = addDays(day, -1);
  while (!isBusinessDay(current)) current = addDays(current, -1);
  return current;
}
