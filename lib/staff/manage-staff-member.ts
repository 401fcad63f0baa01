import { and, eq, isNull } from 'drizzle-orm';
import { normalizeEmail } from '@/lib/accounts/email-address';
import { staffMembers, staffRecoveryCodes } from '@/lib/db/schema';
import type { Db } from '@/lib/db/types';
import type { Deps } from '@/lib/deps';
import type { Locale } from '@/lib/i18n/routing';
import { clearLoginFailures } from '@/lib/security/login-throttle';
import { recordStaffAudit } from './audit';
import { issueStaffSetupLink } from './setup-link';
import { staffLoginThrottleKey } from './sign-in-staff';
import { endAllStaffSessions } from './staff-session';

/**
 * An administrator's changes to a staff account (the team screen and `npm run staff`), each
 * with its audit row in the same transaction. `staff` is an id or, from the command, an address.
 */
interface ActorOpts {
  actorId?: string | null;
  ip?: string;
}

async function findMember(db: Db, staff: { id: string } | { email: string }) {
  const where =
    'id' in staff
      ? /^[0-9a-f-]{36}$/i.test(staff.id)
        ? eq(staffMembers.id, staff.id)
        : undefined
      : eq(staffMembers.email, normalizeEmail(staff.email));
  if (!where) return undefined;
  const [member] = await db
    .select({ id: staffMembers.id, email: staffMembers.email, disabledAt: staffMembers.disabledAt })
    .from(staffMembers)
    .where(where);
  return member;
}

/**
 * Disables an account: it cannot sign in, and its open sessions end now (each staff request reads
 * the session from the database, so the next one is refused). An administrator cannot disable
 * their own account (the City would be left without one by mistake).
 */
export async function disableStaffMember(
  deps: Pick<Deps, 'db' | 'now'>,
  staff: { id: string } | { email: string },
  opts: ActorOpts = {},
): Promise<'disabled' | 'already_disabled' | 'not_found' | 'self'> {
  const now = deps.now();
  const member = await findMember(deps.db, staff);
  if (!member) return 'not_found';
  if (opts.actorId && opts.actorId === member.id) return 'self';
  return deps.db.transaction(async (tx) => {
    const changed = await tx
      .update(staffMembers)
      .set({ disabledAt: now })
      .where(and(eq(staffMembers.id, member.id), isNull(staffMembers.disabledAt)))
      .returning({ id: staffMembers.id });
    if (changed.length === 0) return 'already_disabled' as const;
    await endAllStaffSessions(tx, member.id, now);
    await recordStaffAudit(tx, {
      action: 'staff_disabled',
      now,
      actorId: opts.actorId ?? null,
      subjectId: member.id,
      ip: opts.ip,
    });
    return 'disabled' as const;
  });
}

/**
 * Re-enrolment (a lost phone, a forgotten password, a disabled account given back): the password,
 * the second factor and the recovery codes are cleared, every session ends, the sign-in lock is
 * lifted, the account is enabled, and a new set-up link replaces any earlier one.
 */
export async function reenrolStaffMember(
  deps: Deps,
  staff: { id: string } | { email: string },
  opts: ActorOpts & { locale?: Locale } = {},
): Promise<{ status: 'reenrolled'; email: string; setupUrl: string } | { status: 'not_found' }> {
  const now = deps.now();
  const member = await findMember(deps.db, staff);
  if (!member) return { status: 'not_found' };
  const url = await deps.db.transaction(async (tx) => {
    await tx
      .update(staffMembers)
      .set({
        passwordHash: null,
        totpSecret: null,
        totpEnrolledAt: null,
        totpLastStep: null,
        disabledAt: null,
      })
      .where(eq(staffMembers.id, member.id));
    await tx.delete(staffRecoveryCodes).where(eq(staffRecoveryCodes.staffId, member.id));
    await endAllStaffSessions(tx, member.id, now);
    await clearLoginFailures(tx, staffLoginThrottleKey(member.email));
    const link = await issueStaffSetupLink(tx, {
      staffId: member.id,
      now,
      appUrl: deps.appUrl,
      locale: opts.locale ?? 'fr',
    });
    await recordStaffAudit(tx, {
      action: 'staff_reenrolled',
      now,
      actorId: opts.actorId ?? null,
      subjectId: member.id,
      ip: opts.ip,
    });
    return link.url;
  });
  return { status: 'reenrolled', email: member.email, setupUrl: url };
}
