/** A calendar day ("2026-12-16") as the instant to format it from, in UTC (no day shift). */
export function parseDate(day: string): Date {
  return new Date(`${day}T12:00:00Z`);
}
