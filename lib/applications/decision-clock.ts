import { addBusinessDays, businessDaysBetween, type PlainDate } from '@/lib/calendar/business-days';

/**
 * The City's clock (Building Code, Division C, 1.3.1.3): the business days the City has to
 * decide a complete application, by class of building. The catalogue gives each type its class.
 */
export const DECISION_BUSINESS_DAYS = {
  house: 10,
  smallBuilding: 15,
  largeBuilding: 20,
  complexBuilding: 30,
} as const;
export type BuildingClass = keyof typeof DECISION_BUSINESS_DAYS;

/** A time the clock stood still: from the City's request to the resident's answer (or open). */
export interface ClockPause {
  requestedOn: PlainDate;
  answeredOn: PlainDate | null;
}

export interface DecisionClock {
  /** The decision is due by the end of this day (Ottawa). */
  dueOn: PlainDate;
  /** Business days the City has used, and has left (negative once overdue). */
  used: number;
  left: number;
  /** Information is required: the clock is stopped and `dueOn` moves with each day it stays so. */
  paused: boolean;
  overdue: boolean;
}

/**
 * Where the clock stands on `today`: it starts the day intake accepts the application as complete
 * (that day does not count), counts business days only, and stops while information is required
 * (the business days after the request up to and including the answer's day do not count).
 */
export function decisionClock(input: {
  acceptedOn: PlainDate;
  businessDays: number;
  pauses: readonly ClockPause[];
  today: PlainDate;
}): DecisionClock {
  const { acceptedOn, businessDays, today } = input;
  let pausedDays = 0;
  let paused = false;
  for (const pause of input.pauses) {
    const end = pause.answeredOn ?? today;
    if (pause.answeredOn === null) paused = true;
    pausedDays += businessDaysBetween(pause.requestedOn, end < today ? end : today);
  }
  const dueOn = addBusinessDays(acceptedOn, businessDays + pausedDays);
  const used = Math.max(0, businessDaysBetween(acceptedOn, today) - pausedDays);
  const left = businessDays - used;
  return { dueOn, used, left, paused, overdue: !paused && today > dueOn };
}
