import { TIME_ZONE, type PlainDate } from './business-days';

const OFFSET_FORMAT = new Intl.DateTimeFormat('en-US', {
  timeZone: TIME_ZONE,
  timeZoneName: 'longOffset',
});

/** Ottawa's offset from UTC at `instant`, in minutes (-240 in summer, -300 in winter). */
function offsetMinutes(instant: Date): number {
  const name = OFFSET_FORMAT.formatToParts(instant).find((p) => p.type === 'timeZoneName')?.value;
  const m = /GMT([+-])(\d{2}):(\d{2})/.exec(name ?? '');
  if (!m) return 0;
  return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3]));
}

/**
 * The instant of `hour`:00 on `day` in Ottawa ("15:00 the business day before"). Hours here are
 * office hours, never inside a clock change (which happens at 02:00), so the answer is unique.
 */
export function ottawaInstant(day: PlainDate, hour: number): Date {
  const asUtc = new Date(`${day}T${String(hour).padStart(2, '0')}:00:00Z`);
  return new Date(asUtc.getTime() - offsetMinutes(asUtc) * 60_000);
}
