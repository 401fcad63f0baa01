import { and, desc, eq } from 'drizzle-orm';
import {
  buildingRegistrations,
  clientRecords,
  loginThrottles,
  pinLockouts,
  securityEvents,
  users,
} from '@/lib/db/schema';
import type { Db } from '@/lib/db/types';
import type { Locale } from '@/lib/i18n/routing';
import { PIN_LOCK_AFTER } from '@/lib/clients/pin-rules';
import {
  loginThrottleKey,
  loginThrottleState,
  type LoginThrottleState,
} from '@/lib/security/login-throttle';
import { normalizeEmail } from './email-address';

/**
 * What the administrators' support screen shows of a resident's account: its state, never its
 * password hash, tokens or links.
 */
export interface ResidentAccountState {
  id: string;
  email: string;
  locale: Locale;
  status: 'pending' | 'active';
  createdAt: Date;
  activatedAt: Date | null;
  /** The last successful sign-in, from the security event log; null when none is recorded. */
  lastSignInAt: Date | null;
  /** The per-address sign-in throttle (LOG-03): locked for 15 minutes, or until a reset. */
  signIn: LoginThrottleState;
  signInLockedUntil: Date | null;
  passwordChangeRequired: boolean;
  registeredForBuildingCodeServices: boolean;
  clientRecord: { clientNumber: string; linkedAt: Date | null } | null;
  /** Ten wrong PINs in a row lock linking until the City unlocks it (PIN-02). */
  pinLinkLocked: boolean;
}

/** The account using `email` (normalized as every lookup is), or null. */
export async function findResidentAccountByEmail(
  db: Db,
  email: string,
  now: Date,
): Promise<ResidentAccountState | null> {
  const normalized = normalizeEmail(email);
  // Postgres text cannot hold a NUL byte: no account has one.
  if (normalized.includes('\u0000')) return null;
  const [user] = await db.select({ id: users.id }).from(users).where(eq(users.email, normalized));
  return user ? findResidentAccount(db, user.id, now) : null;
}

/** The account `userId` (an identifier from the support screen's address), or null. */
export async function findResidentAccount(
  db: Db,
  userId: string,
  now: Date,
): Promise<ResidentAccountState | null> {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(userId)) return null;
  const [row] = await db
    .select({
      id: users.id,
      email: users.email,
      locale: users.locale,
      status: users.status,
      createdAt: users.createdAt,
      activatedAt: users.activatedAt,
      passwordChangeRequired: users.passwordChangeRequired,
      registered: buildingRegistrations.userId,
      clientNumber: clientRecords.clientNumber,
      linkedAt: clientRecords.linkedAt,
      pinFailures: pinLockouts.consecutiveFailures,
    })
    .from(users)
    .leftJoin(buildingRegistrations, eq(buildingRegistrations.userId, users.id))
    .leftJoin(clientRecords, eq(clientRecords.linkedUserId, users.id))
    .leftJoin(pinLockouts, eq(pinLockouts.userId, users.id))
    .where(eq(users.id, userId));
  if (!row) return null;
  const [throttle] = await db
    .select({ failures: loginThrottles.failures, lockedUntil: loginThrottles.lockedUntil })
    .from(loginThrottles)
    .where(eq(loginThrottles.key, loginThrottleKey(row.email)));
  const [lastSignIn] = await db
    .select({ at: securityEvents.occurredAt })
    .from(securityEvents)
    .where(and(eq(securityEvents.userId, row.id), eq(securityEvents.type, 'login_success')))
    .orderBy(desc(securityEvents.occurredAt))
    .limit(1);
  const signIn = loginThrottleState(throttle, now);
  return {
    id: row.id,
    email: row.email,
    locale: row.locale,
    status: row.status,
    createdAt: row.createdAt,
    activatedAt: row.activatedAt,
    lastSignInAt: lastSignIn?.at ?? null,
    signIn,
    signInLockedUntil: signIn === 'locked' ? (throttle?.lockedUntil ?? null) : null,
    passwordChangeRequired: row.passwordChangeRequired,
    registeredForBuildingCodeServices: row.registered !== null,
    clientRecord: row.clientNumber
      ? { clientNumber: row.clientNumber, linkedAt: row.linkedAt }
      : null,
    pinLinkLocked: (row.pinFailures ?? 0) >= PIN_LOCK_AFTER,
  };
}
