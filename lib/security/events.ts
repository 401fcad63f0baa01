import type { Db } from '@/lib/db/types';
import { securityEvents } from '@/lib/db/schema';
import { hashIdentifier } from './tokens';

/**
 * The security event log (LOGG-01): one row in `security_events` and one JSON line on stdout
 * per event, both with UTC timestamps and hashed identifiers.
 *
 * Never put a secret in `detail`: no password, token, link, PIN, cookie or session, and no raw
 * email or IP address either (pass those as `subject` / `ip`, which are hashed). `detail` is for
 * small facts such as `{ reason: 'expired' }` or `{ failures: 5 }`. As a safety net, keys that
 * look like secrets are redacted and long strings are cut.
 */

export const SECURITY_EVENT_TYPES = [
  'register',
  'register_existing',
  'activate',
  'activate_failed',
  'login_success',
  'login_failure',
  'login_locked',
  'logout',
  'consent',
  'client_record_skipped',
  'pin_attempt_failed',
  'pin_locked',
  'pin_linked',
  'reset_requested',
  'password_reset',
  'password_changed',
  'password_change_failed',
  'password_change_required',
  'email_change_requested',
  'email_change_failed',
  'email_changed',
  'contact_details_updated',
  'language_changed',
] as const;

export type SecurityEventType = (typeof SECURITY_EVENT_TYPES)[number];

export type SecurityEventDetail = Record<string, string | number | boolean>;

export interface SecurityEventInput {
  type: SecurityEventType;
  userId?: string | null;
  /** Who the event is about when it is not (or not yet) a user: a normalized email. Hashed. */
  subject?: string | null;
  /** The client IP (from `clientIp`). Hashed. */
  ip?: string | null;
  detail?: SecurityEventDetail;
  now?: Date;
}

/** Hash purposes: stable, so one address gives the same hash in every event. */
export const SUBJECT_HASH_PURPOSE = 'log:subject';
export const IP_HASH_PURPOSE = 'log:ip';

/** Words that make a detail key look like a secret (matched per camelCase/snake_case word). */
const SECRET_WORDS = new Set([
  'password',
  'passwd',
  'pwd',
  'passphrase',
  'token',
  'secret',
  'pin',
  'otp',
  'cookie',
  'session',
  'jwt',
  'link',
  'url',
  'hash',
  'key',
]);
const MAX_DETAIL_STRING = 200;

function looksSecret(key: string): boolean {
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/);
  return words.some((w) => SECRET_WORDS.has(w) || w.startsWith('password'));
}

function sanitizeDetail(detail: SecurityEventDetail | undefined): SecurityEventDetail | null {
  if (!detail) return null;
  const clean: SecurityEventDetail = {};
  for (const [key, value] of Object.entries(detail)) {
    if (looksSecret(key)) clean[key] = '[redacted]';
    else if (typeof value === 'string' && value.length > MAX_DETAIL_STRING) {
      clean[key] = `${value.slice(0, MAX_DETAIL_STRING)}…`;
    } else clean[key] = value;
  }
  return clean;
}

/**
 * Records one security event. Pass a transaction as `db` to tie the row to the change it
 * describes (the stdout line is written once the insert succeeds, even if that transaction later
 * rolls back).
 */
export async function logSecurityEvent(db: Db, event: SecurityEventInput): Promise<void> {
  const occurredAt = event.now ?? new Date();
  const row = {
    type: event.type,
    userId: event.userId ?? null,
    subjectHash: event.subject ? hashIdentifier(event.subject, SUBJECT_HASH_PURPOSE) : null,
    ipHash: event.ip ? hashIdentifier(event.ip, IP_HASH_PURPOSE) : null,
    detail: sanitizeDetail(event.detail),
    occurredAt,
  };
  await db.insert(securityEvents).values(row);
  console.info(
    JSON.stringify({
      kind: 'security_event',
      type: row.type,
      userId: row.userId,
      subjectHash: row.subjectHash,
      ipHash: row.ipHash,
      detail: row.detail,
      occurredAt: occurredAt.toISOString(),
    }),
  );
}
