import type { ApplicationTypeDef } from './catalogue';
import schedule from './fee-schedule.json';
import type { ApplicationAnswers } from './step-schema';

/** One line of an itemized fee; its text is `Applications.feeLines.<key>`. */
export interface FeeLine {
  key: string;
  amountCents: number;
}

export interface Fee {
  lines: FeeLine[];
  totalCents: number;
  /** The fee schedule's effective date, shown with the amount. */
  effectiveDate: string;
}

export interface FeeSchedule {
  effectiveDate: string;
  valueRates: Record<string, { centsPerThousandDollars: number; minimumCents: number }>;
  fixed: Record<string, { amounts: Record<string, number> }>;
}

export const FEE_SCHEDULE: FeeSchedule = schedule;

function findAnswer(answers: ApplicationAnswers, field: string) {
  for (const step of Object.values(answers)) {
    if (field in step) return step[field];
  }
  return undefined;
}

/**
 * The fee of an application, in integer cents, computed from its stored answers only (never from
 * a form field). Null while the answers it depends on are missing. A rate per $1,000 is applied
 * to the value in cents and rounded half up to the cent, then raised to the minimum.
 */
export function computeFee(
  type: ApplicationTypeDef,
  answers: ApplicationAnswers,
  feeSchedule: FeeSchedule = FEE_SCHEDULE,
): Fee | null {
  const rule = type.fee;
  let line: FeeLine;
  if (rule.kind === 'valueRate') {
    const rate = feeSchedule.valueRates[rule.schedule];
    const value = findAnswer(answers, rule.valueField);
    if (!rate || typeof value !== 'number') return null;
    // cents × (cents per $1,000) ÷ 100,000 cents: below 2^53 for values up to $10^9.
    const byRate = Math.floor((value * rate.centsPerThousandDollars + 50_000) / 100_000);
    line =
      byRate >= rate.minimumCents
        ? { key: `${rule.schedule}.byValue`, amountCents: byRate }
        : { key: `${rule.schedule}.minimum`, amountCents: rate.minimumCents };
  } else {
    const choice = findAnswer(answers, rule.byField);
    const amount =
      typeof choice === 'string' ? feeSchedule.fixed[rule.schedule]?.amounts[choice] : undefined;
    if (amount === undefined) return null;
    line = { key: `${rule.schedule}.${choice}`, amountCents: amount };
  }
  return { lines: [line], totalCents: line.amountCents, effectiveDate: feeSchedule.effectiveDate };
}
