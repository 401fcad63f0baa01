import { and, eq, isNull } from 'drizzle-orm';
import type { DeadLinkState, OneTimeLinkState } from '@/lib/accounts/one-time-link';
import { newPasswordSchema } from '@/lib/accounts/schemas';
import { staffMembers, staffRecoveryCodes } from '@/lib/db/schema';
import type { Deps } from '@/lib/deps';
import { fieldErrorsFrom } from '@/lib/forms/form-state';
import { hashPassword } from '@/lib/security/password-hash';
import { LIMITS, hitRateLimit, rateLimitKey } from '@/lib/security/rate-limit';
import { recordStaffAudit } from './audit';
import {
  RECOVERY_CODE_COUNT,
  hashRecoveryCode,
  newRecoveryCode,
  normalizeRecoveryCode,
} from './recovery-codes';
import { findStaffSetupLink, staffSetupLinkState, useStaffSetupLink } from './setup-link';
import {
  createStaffSession,
  endAllStaffSessions,
  promoteStaffSession,
  type StaffSessionUser,
} from './staff-session';
import { matchTotpStep, newTotpSecret, openTotpSecret, sealTotpSecret, totpUri } from './totp';

/** Read only: what the GET of the set-up link shows (mail scanners open links, CSRF-03). */
export async function inspectStaffSetupLink(
  deps: Pick<Deps, 'db' | 'now'>,
  token: string,
): Promise<OneTimeLinkState> {
  return staffSetupLinkState(await findStaffSetupLink(deps.db, token), deps.now());
}

export type SetStaffPasswordResult =
  | { status: 'ok'; token: string }
  | { status: 'rate_limited' }
  | { status: DeadLinkState }
  | { status: 'invalid'; fieldErrors: Partial<Record<'password' | 'passwordConfirm', string>> };

/**
 * The POST of the set-up page: the password (the residents' policy, PWD-01…05), then, in one
 * transaction, the link used (one guarded update), a new TOTP secret, any earlier factor and
 * session gone, and an enrolment session opened: it reaches the second-factor page and nothing
 * else until a first code confirms the secret.
 */
export async function setStaffPassword(
  deps: Pick<Deps, 'db' | 'now'>,
  input: { token: string; password: string; passwordConfirm: string; ip: string },
): Promise<SetStaffPasswordResult> {
  const now = deps.now();
  const perIp = await hitRateLimit(deps.db, {
    key: rateLimitKey('staff-setup-ip', input.ip),
    ...LIMITS.resetPerIp,
    now,
  });
  if (!perIp.allowed) return { status: 'rate_limited' };
  const link = await findStaffSetupLink(deps.db, input.token);
  const state = staffSetupLinkState(link, now);
  if (state !== 'valid' || !link) return { status: state === 'valid' ? 'not_found' : state };
  const parsed = newPasswordSchema({ email: link.staff.email }).safeParse({
    password: input.password,
    passwordConfirm: input.passwordConfirm,
  });
  if (!parsed.success) return { status: 'invalid', fieldErrors: fieldErrorsFrom(parsed.error) };
  const passwordHash = await hashPassword(parsed.data.password);
  return deps.db.transaction(async (tx) => {
    if (!(await useStaffSetupLink(tx, link.id, now))) return { status: 'used' as const };
    await tx
      .update(staffMembers)
      .set({
        passwordHash,
        totpSecret: sealTotpSecret(newTotpSecret(), link.staffId),
        totpEnrolledAt: null,
        totpLastStep: null,
      })
      .where(eq(staffMembers.id, link.staffId));
    await tx.delete(staffRecoveryCodes).where(eq(staffRecoveryCodes.staffId, link.staffId));
    await endAllStaffSessions(tx, link.staffId, now);
    const session = await createStaffSession(tx, {
      staffId: link.staffId,
      stage: 'enrolment',
      now,
    });
    await recordStaffAudit(tx, {
      action: 'password_set',
      now,
      actorId: link.staffId,
      subjectId: link.staffId,
      ip: input.ip,
    });
    return { status: 'ok' as const, token: session.token };
  });
}

/** What the second-factor page shows an enrolment session: the secret and its otpauth URI. */
export async function staffEnrolmentSecret(
  deps: Pick<Deps, 'db'>,
  staff: StaffSessionUser,
): Promise<{ secret: string; uri: string } | null> {
  if (staff.stage !== 'enrolment') return null;
  const [row] = await deps.db
    .select({ totpSecret: staffMembers.totpSecret, totpEnrolledAt: staffMembers.totpEnrolledAt })
    .from(staffMembers)
    .where(eq(staffMembers.id, staff.id));
  if (!row?.totpSecret || row.totpEnrolledAt) return null;
  const secret = openTotpSecret(row.totpSecret, staff.id);
  return secret ? { secret, uri: totpUri(secret, staff.email) } : null;
}

export type ConfirmStaffTotpResult =
  | { status: 'ok'; recoveryCodes: string[] }
  | { status: 'invalid' | 'rate_limited' | 'not_enrolling' };

/**
 * The first code: it proves the authenticator holds the secret. In one transaction: the factor
 * marked enrolled (its step used, so the same code cannot sign in again), ten recovery codes
 * stored as hashes — returned here, the only time they exist in clear — and the session
 * promoted: the person has now given both factors.
 */
export async function confirmStaffTotp(
  deps: Pick<Deps, 'db' | 'now'>,
  staff: StaffSessionUser,
  input: { code: string; ip: string },
): Promise<ConfirmStaffTotpResult> {
  const now = deps.now();
  const perIp = await hitRateLimit(deps.db, {
    key: rateLimitKey('staff-login-ip', input.ip),
    ...LIMITS.loginPerIp,
    now,
  });
  if (!perIp.allowed) return { status: 'rate_limited' };
  const enrolment = await staffEnrolmentSecret(deps, staff);
  if (!enrolment) return { status: 'not_enrolling' };
  const step = matchTotpStep(enrolment.secret, input.code, now);
  if (step === null) return { status: 'invalid' };
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
  return deps.db.transaction(async (tx) => {
    const enrolled = await tx
      .update(staffMembers)
      .set({ totpEnrolledAt: now, totpLastStep: step })
      .where(and(eq(staffMembers.id, staff.id), isNull(staffMembers.totpEnrolledAt)))
      .returning({ id: staffMembers.id });
    if (enrolled.length === 0) return { status: 'not_enrolling' as const };
    await tx.insert(staffRecoveryCodes).values(
      codes.map((code) => ({
        staffId: staff.id,
        codeHash: hashRecoveryCode(normalizeRecoveryCode(code)!),
        createdAt: now,
      })),
    );
    await promoteStaffSession(tx, staff.sessionId, now);
    await recordStaffAudit(tx, {
      action: 'totp_enrolled',
      now,
      actorId: staff.id,
      subjectId: staff.id,
      ip: input.ip,
    });
    return { status: 'ok' as const, recoveryCodes: codes };
  });
}
