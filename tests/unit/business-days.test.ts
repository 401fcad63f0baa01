import { describe, expect, it } from 'vitest';
import HOLIDAYS from '@/lib/calendar/ontario-holidays.json';
import {
  HOLIDAY_YEARS,
  addBusinessDays,
  businessDaysBetween,
  holidayOn,
  isBusinessDay,
  isPlainDate,
  ottawaDate,
  previousBusinessDay,
} from '@/lib/calendar/business-days';
import { ottawaInstant } from '@/lib/calendar/ottawa-time';
import { decisionClock } from '@/lib/applications/decision-clock';
import {
  bookingWindow,
  canCancel,
  cancellationDeadline,
  refusePreferredDay,
} from '@/lib/inspections/booking-rules';

/** Easter Sunday, from the published tables (not from the file's own rule). */
const EASTER: Record<number, string> = {
  2025: '04-20',
  2026: '04-05',
  2027: '03-28',
  2028: '04-16',
  2029: '04-01',
  2030: '04-21',
  2031: '04-13',
  2032: '03-28',
  2033: '04-17',
  2034: '04-09',
  2035: '03-25',
};

describe('the holiday file (lib/calendar/ontario-holidays.json)', () => {
  it('covers this year and the next two: a year missing fails here before the clock would be wrong', () => {
    const year = new Date().getFullYear();
    expect(HOLIDAY_YEARS.first).toBeLessThanOrEqual(year);
    expect(HOLIDAY_YEARS.last).toBeGreaterThanOrEqual(year + 2);
    expect(HOLIDAYS.source).toMatch(/Legislation Act, 2006/);
  });

  it("lists 2026's holidays on their days", () => {
    expect(HOLIDAYS.years['2026'].map((h) => `${h.date} ${h.key}`)).toEqual([
      '2026-01-01 newYearsDay',
      '2026-02-16 familyDay',
      '2026-04-03 goodFriday',
      '2026-04-06 easterMonday',
      '2026-05-18 victoriaDay',
      '2026-07-01 canadaDay',
      '2026-08-03 civicHoliday',
      '2026-09-07 labourDay',
      '2026-10-12 thanksgiving',
      '2026-11-11 remembranceDay',
      '2026-12-25 christmasDay',
      '2026-12-26 boxingDay',
    ]);
  });

  it('puts Good Friday and Easter Monday around the published Easter of every year', () => {
    for (const [year, easter] of Object.entries(EASTER)) {
      const sunday = new Date(`${year}-${easter}T00:00:00Z`).getTime();
      const day = (offset: number) =>
        new Date(sunday + offset * 86_400_000).toISOString().slice(0, 10);
      expect(holidayOn(day(-2))).toBe('goodFriday');
      expect(holidayOn(day(1))).toBe('easterMonday');
    }
  });

  it('applies the substitutes of s. 88: New Year on a Sunday, July 1 a Sunday, Christmas on a weekend', () => {
    expect(holidayOn('2034-01-02')).toBe('newYearsDayObserved'); // 1 January 2034: a Sunday
    expect(holidayOn('2029-07-01')).toBeNull(); // a Sunday: Canada Day is the 2nd
    expect(holidayOn('2029-07-02')).toBe('canadaDay');
    expect(holidayOn('2027-12-27')).toBe('christmasDayObserved'); // 25 Dec 2027: a Saturday
    expect(holidayOn('2033-12-26')).toBe('boxingDay'); // 25 Dec 2033: a Sunday
    expect(holidayOn('2033-12-27')).toBe('christmasDayObserved');
  });

  it('refuses to answer outside the years it lists', () => {
    expect(() => isBusinessDay(`${HOLIDAY_YEARS.last + 1}-03-03`)).toThrow(
      /outside the holiday file/,
    );
    expect(() => isBusinessDay('2026-02-30')).toThrow(/not a date/);
    expect(isPlainDate('2028-02-29')).toBe(true);
    expect(isPlainDate('2027-02-29')).toBe(false);
  });
});

describe('business days', () => {
  it('skips the Victoria Day weekend: two business days after Friday 15 May 2026 is Wednesday the 20th', () => {
    expect(isBusinessDay('2026-05-15')).toBe(true);
    expect(isBusinessDay('2026-05-18')).toBe(false);
    expect(addBusinessDays('2026-05-15', 1)).toBe('2026-05-19');
    expect(addBusinessDays('2026-05-15', 2)).toBe('2026-05-20');
    expect(businessDaysBetween('2026-05-15', '2026-05-20')).toBe(2);
    expect(previousBusinessDay('2026-05-19')).toBe('2026-05-15');
  });

  it('crosses the year: Christmas, Boxing Day, New Year', () => {
    expect(addBusinessDays('2026-12-23', 2)).toBe('2026-12-28');
    expect(addBusinessDays('2026-12-31', 1)).toBe('2027-01-04');
    // 25 December 2027 is a Saturday: Monday the 27th is the holiday in its place.
    expect(addBusinessDays('2027-12-24', 1)).toBe('2027-12-28');
    expect(businessDaysBetween('2026-12-24', '2027-01-04')).toBe(5); // 28 to 31 December, 4 January
  });

  it('counts 0 days as the day itself or the next business day', () => {
    expect(addBusinessDays('2026-05-15', 0)).toBe('2026-05-15');
    expect(addBusinessDays('2026-05-16', 0)).toBe('2026-05-19');
    expect(() => addBusinessDays('2026-05-15', -1)).toThrow(RangeError);
  });

  it("reads days and hours in Ottawa's time zone, summer and winter", () => {
    expect(ottawaDate(new Date('2026-12-04T03:00:00Z'))).toBe('2026-12-03');
    expect(ottawaDate(new Date('2026-07-01T03:59:00Z'))).toBe('2026-06-30');
    expect(ottawaDate(new Date('2026-07-01T04:00:00Z'))).toBe('2026-07-01');
    expect(ottawaInstant('2026-07-10', 15).toISOString()).toBe('2026-07-10T19:00:00.000Z');
    expect(ottawaInstant('2026-12-10', 15).toISOString()).toBe('2026-12-10T20:00:00.000Z');
    // The Monday after the spring change and the Friday before the autumn one.
    expect(ottawaInstant('2026-03-09', 15).toISOString()).toBe('2026-03-09T19:00:00.000Z');
    expect(ottawaInstant('2026-10-30', 15).toISOString()).toBe('2026-10-30T19:00:00.000Z');
  });
});

describe("the City's decision clock", () => {
  const base = { acceptedOn: '2026-05-15', businessDays: 10 } as const;

  it('gives a house 10 business days from acceptance, the holiday skipped', () => {
    expect(decisionClock({ ...base, pauses: [], today: '2026-05-15' })).toEqual({
      dueOn: '2026-06-01',
      used: 0,
      left: 10,
      paused: false,
      overdue: false,
    });
    expect(decisionClock({ ...base, pauses: [], today: '2026-06-01' })).toMatchObject({
      left: 0,
      overdue: false,
    });
    expect(decisionClock({ ...base, pauses: [], today: '2026-06-02' })).toMatchObject({
      left: -1,
      overdue: true,
    });
  });

  it('stops while information is required and starts again on the answer', () => {
    const asked = { requestedOn: '2026-05-20', answeredOn: null };
    // Open since Wednesday the 20th: on Friday the 22nd two days stood still, the due date moves.
    expect(decisionClock({ ...base, pauses: [asked], today: '2026-05-22' })).toEqual({
      dueOn: '2026-06-03',
      used: 2,
      left: 8,
      paused: true,
      overdue: false,
    });
    // Answered on Wednesday the 27th: 21, 22, 25, 26 and 27 May do not count.
    const answered = { ...asked, answeredOn: '2026-05-27' };
    expect(decisionClock({ ...base, pauses: [answered], today: '2026-06-02' })).toEqual({
      dueOn: '2026-06-08',
      used: 6,
      left: 4,
      paused: false,
      overdue: false,
    });
  });
});

describe('inspection bookings', () => {
  // Friday 15 May 2026, 10:00 in Ottawa: the Friday before Victoria Day.
  const friday = new Date('2026-05-15T14:00:00Z');

  it('opens from two business days ahead to 30 days ahead', () => {
    expect(bookingWindow(friday)).toEqual({ earliest: '2026-05-20', latest: '2026-06-14' });
    expect(refusePreferredDay(friday, '2026-05-20')).toBeNull();
    expect(refusePreferredDay(friday, '2026-06-12')).toBeNull();
  });

  it('refuses a holiday, a weekend, a day too soon, too far or in the past, and a non-date', () => {
    expect(refusePreferredDay(friday, '2026-05-18')).toBe('holiday');
    expect(refusePreferredDay(friday, '2026-05-19')).toBe('too_soon');
    expect(refusePreferredDay(friday, '2026-05-23')).toBe('weekend');
    expect(refusePreferredDay(friday, '2026-06-15')).toBe('too_far');
    expect(refusePreferredDay(friday, '2026-05-15')).toBe('too_soon');
    expect(refusePreferredDay(friday, '2020-01-01')).toBe('too_soon');
    expect(refusePreferredDay(friday, '15/05/2026')).toBe('invalid');
  });

  it('may be cancelled until 15:00 the business day before, in Ottawa time', () => {
    expect(cancellationDeadline('2026-05-20').toISOString()).toBe('2026-05-19T19:00:00.000Z');
    expect(canCancel(new Date('2026-05-19T18:59:59Z'), '2026-05-20')).toBe(true);
    expect(canCancel(new Date('2026-05-19T19:00:00Z'), '2026-05-20')).toBe(false);
    // The Tuesday after Victoria Day: the business day before is the Friday.
    expect(cancellationDeadline('2026-05-19').toISOString()).toBe('2026-05-15T19:00:00.000Z');
  });

  it('crosses the year: Christmas, Boxing Day on a Saturday, New Year’s Day; 15:00 in winter is 20:00 UTC', () => {
    // Thursday 24 December 2026, 16:30 in Ottawa: Monday 28 is one business day ahead.
    const christmasEve = new Date('2026-12-24T21:30:00Z');
    expect(bookingWindow(christmasEve)).toEqual({ earliest: '2026-12-29', latest: '2027-01-23' });
    expect(refusePreferredDay(christmasEve, '2026-12-28')).toBe('too_soon');
    expect(refusePreferredDay(christmasEve, '2027-01-01')).toBe('holiday');
    expect(refusePreferredDay(christmasEve, '2027-01-24')).toBe('too_far');
    // Monday 4 January 2027: the business day before is Thursday 31 December.
    expect(cancellationDeadline('2027-01-04').toISOString()).toBe('2026-12-31T20:00:00.000Z');
    // Tuesday 29 December: the business day before is Monday 28, not Boxing Day's Saturday.
    expect(cancellationDeadline('2026-12-29').toISOString()).toBe('2026-12-28T20:00:00.000Z');
  });

  it('asked on the Friday before Victoria Day 2027: Wednesday 26 is the earliest; a Monday cancels until Friday', () => {
    const friday = new Date('2027-05-21T14:00:00Z');
    expect(bookingWindow(friday)).toEqual({ earliest: '2027-05-26', latest: '2027-06-20' });
    expect(refusePreferredDay(friday, '2027-05-24')).toBe('holiday');
    expect(refusePreferredDay(friday, '2027-05-25')).toBe('too_soon');
    expect(cancellationDeadline('2027-05-31').toISOString()).toBe('2027-05-28T19:00:00.000Z');
    expect(canCancel(new Date('2027-05-28T18:59:59Z'), '2027-05-31')).toBe(true);
    expect(canCancel(new Date('2027-05-28T19:00:00Z'), '2027-05-31')).toBe(false);
  });
});
