import { and, eq, isNull, lt, or } from 'drizzle-orm';
import { normalizeEmail } from '@/lib/accounts/email-address';
import { loginThrottles, staffMembers, staffRecoveryCodes } from '@/lib/db/schema';
import type { Db } from '@/lib/db/types';
import type { Deps } from '@/lib/deps';
import {
  clearLoginFailures,
  loginThrottleState,
  recordLoginFailure,
} from '@/lib/security/login-throttle';
import { dummyVerify, verifyPassword } from '@/lib/security/password-hash';
import { LIMITS, hitRateLimit, rateLimitKey } from '@/lib/security/rate-limit';
import { hashIdentifier } from '@/lib/security/tokens';
import { recordStaffAudit } from './audit';
import { hashRecoveryCode, normalizeRecoveryCode } from './recovery-codes';
import { createStaffSession } from './staff-session';
import { matchTotpStep, normalizeTotpCode, openTotpSecret } from './totp';

/**
 * The staff sign-in's failure counter: the residents' rules (LOG-03: 5 failures lock for 15
 * minutes, 100 hard-lock until an administrator re-enrols the account) in the same table, under
 * a key of its own so a resident and a staff member sharing an address never lock each other.
 */
export function staffLoginThrottleKey(normalizedEmail: string): string {
  return hashIdentifier(normalizedEmail, 'staff-login');
}

export type StaffSignInResult =
  { status: 'ok'; token: string; staffId: string } | { status: 'invalid' | 'rate_limited' };

/**
 * Staff sign-in (STF-01): the address, the password AND a code — a TOTP code of the current step
 * (±1) not used before, or an unused recovery code — every time. Unknown address, wrong password,
 * wrong or replayed code, locked, disabled or not yet enrolled: all answer 'invalid' after the
 * same password work (LOG-01, LOG-02), and each counts as a failure. The code is looked at only
 * once the password is right, so it cannot be guessed apart from it. Per-IP limit: LOG-04's.
 */
export async function signInStaff(
  deps: Pick<Deps, 'db' | 'now'>,
  input: { email: string; password: string; code: string; ip: string },
): Promise<StaffSignInResult> {
  const now = deps.now();
  const perIp = await hitRateLimit(deps.db, {
    key: rateLimitKey('staff-login-ip', input.ip),
    ...LIMITS.loginPerIp,
    now,
  });
  if (!perIp.allowed) return { status: 'rate_limited' };

  const email = normalizeEmail(input.email);
  const throttleKey = staffLoginThrottleKey(email);
  const { throttle, failures, member } = await readStaffSignInState(
    deps.db,
    email,
    throttleKey,
    now,
  );
  if (throttle !== 'open') {
    await dummyVerify(input.password);
    await recordStaffAudit(deps.db, {
      action: 'sign_in_locked',
      now,
      subjectId: member?.id,
      ip: input.ip,
    });
    return { status: 'invalid' };
  }

  const passwordOk = member?.passwordHash
    ? await verifyPassword(member.passwordHash, input.password)
    : await dummyVerify(input.password);
  const usable = member && passwordOk && !member.disabledAt && member.totpEnrolledAt;
  const factor = usable ? await spendSecondFactor(deps.db, member, input.code, now) : null;
  if (!member || !factor) {
    const lock = await recordLoginFailure(deps.db, throttleKey, now);
    await recordStaffAudit(deps.db, {
      action: lock === 'open' ? 'sign_in_failed' : 'sign_in_locked',
      now,
      subjectId: member?.id,
      ip: input.ip,
      detail: {
        reason: !member
          ? 'unknown_address'
          : !passwordOk
            ? 'password'
            : member.disabledAt
              ? 'disabled'
              : !member.totpEnrolledAt
                ? 'not_enrolled'
                : 'code',
      },
    });
    return { status: 'invalid' };
  }

  if (failures > 0) await clearLoginFailures(deps.db, throttleKey);
  const session = await deps.db.transaction(async (tx) => {
    const created = await createStaffSession(tx, { staffId: member.id, stage: 'full', now });
    await recordStaffAudit(tx, {
      action: factor === 'recovery_code' ? 'recovery_code_used' : 'sign_in',
      now,
      actorId: member.id,
      subjectId: member.id,
      ip: input.ip,
      detail: { factor },
    });
    return created;
  });
  return { status: 'ok', token: session.token, staffId: member.id };
}

type Member = NonNullable<Awaited<ReturnType<typeof readStaffSignInState>>['member']>;

/**
 * Uses the code as the second factor: a TOTP code whose step is later than the last one accepted
 * (one guarded UPDATE: a replay, or two requests racing with one code, get nothing), or an
 * unused recovery code (marked used in the same way). Which one worked, or null.
 */
async function spendSecondFactor(
  db: Db,
  member: Member,
  code: string,
  now: Date,
): Promise<'totp' | 'recovery_code' | null> {
  if (normalizeTotpCode(code)) {
    const secret = member.totpSecret ? openTotpSecret(member.totpSecret, member.id) : null;
    const step = secret ? matchTotpStep(secret, code, now) : null;
    if (step === null) return null;
    const accepted = await db
      .update(staffMembers)
      .set({ totpLastStep: step })
      .where(
        and(
          eq(staffMembers.id, member.id),
          or(isNull(staffMembers.totpLastStep), lt(staffMembers.totpLastStep, step)),
        ),
      )
      .returning({ id: staffMembers.id });
    return accepted.length === 1 ? 'totp' : null;
  }
  const recovery = normalizeRecoveryCode(code);
  if (!recovery) return null;
  const used = await db
    .update(staffRecoveryCodes)
    .set({ usedAt: now })
    .where(
      and(
        eq(staffRecoveryCodes.staffId, member.id),
        eq(staffRecoveryCodes.codeHash, hashRecoveryCode(recovery)),
        isNull(staffRecoveryCodes.usedAt),
      ),
    )
    .returning({ id: staffRecoveryCodes.id });
  return used.length === 1 ? 'recovery_code' : null;
}

/** The address's failure counter and the member using it (if any). */
async function readStaffSignInState(db: Db, email: string, throttleKey: string, now: Date) {
  const [throttleRow] = await db
    .select({ failures: loginThrottles.failures, lockedUntil: loginThrottles.lockedUntil })
    .from(loginThrottles)
    .where(eq(loginThrottles.key, throttleKey));
  const [member] = email.includes('\u0000')
    ? []
    : await db
        .select({
          id: staffMembers.id,
          passwordHash: staffMembers.passwordHash,
          totpSecret: staffMembers.totpSecret,
          totpEnrolledAt: staffMembers.totpEnrolledAt,
          disabledAt: staffMembers.disabledAt,
        })
        .from(staffMembers)
        .where(eq(staffMembers.email, email));
  return {
    throttle: loginThrottleState(throttleRow, now),
    failures: throttleRow?.failures ?? 0,
    member,
  };
}
