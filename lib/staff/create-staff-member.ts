import { normalizeEmail } from '@/lib/accounts/email-address';
import { staffMembers } from '@/lib/db/schema';
import type { Deps } from '@/lib/deps';
import { fieldErrorsFrom } from '@/lib/forms/form-state';
import type { Locale } from '@/lib/i18n/routing';
import { recordStaffAudit } from './audit';
import type { StaffRole } from './roles';
import { staffMemberSchema, type StaffMemberInput } from './schemas';
import { issueStaffSetupLink } from './setup-link';

export type CreateStaffMemberResult =
  | { status: 'created'; id: string; email: string; role: StaffRole; setupUrl: string }
  | { status: 'email_taken' }
  | { status: 'invalid'; fieldErrors: Partial<Record<keyof StaffMemberInput, string>> };

/**
 * The one way a staff account is made: `npm run staff -- create` and the team screen both call
 * it. The member gets no password and no second factor: the set-up link (the only place its
 * token exists) lets them choose the first and enrol the second. Written with its audit row in
 * one transaction.
 */
export async function createStaffMember(
  deps: Deps,
  input: StaffMemberInput,
  opts: { actorId?: string | null; ip?: string; locale?: Locale } = {},
): Promise<CreateStaffMemberResult> {
  const parsed = staffMemberSchema.safeParse(input);
  if (!parsed.success) return { status: 'invalid', fieldErrors: fieldErrorsFrom(parsed.error) };
  const now = deps.now();
  const email = normalizeEmail(parsed.data.email);
  return deps.db.transaction(async (tx) => {
    const [member] = await tx
      .insert(staffMembers)
      .values({ email, name: parsed.data.name, role: parsed.data.role, createdAt: now })
      .onConflictDoNothing({ target: staffMembers.email })
      .returning({ id: staffMembers.id });
    if (!member) return { status: 'email_taken' } as const;
    const { url } = await issueStaffSetupLink(tx, {
      staffId: member.id,
      now,
      appUrl: deps.appUrl,
      locale: opts.locale ?? 'fr',
    });
    await recordStaffAudit(tx, {
      action: 'staff_created',
      now,
      actorId: opts.actorId ?? null,
      subjectId: member.id,
      ip: opts.ip,
      detail: { role: parsed.data.role, via: opts.actorId ? 'screen' : 'command' },
    });
    return {
      status: 'created',
      id: member.id,
      email,
      role: parsed.data.role,
      setupUrl: url,
    } as const;
  });
}
