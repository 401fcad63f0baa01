import { asc, eq } from 'drizzle-orm';
import { staffMembers } from '@/lib/db/schema';
import type { Db } from '@/lib/db/types';
import type { StaffRole } from './roles';

export interface StaffMemberSummary {
  id: string;
  email: string;
  name: string;
  role: StaffRole;
  /** 'setup': the set-up link has not been used (or a re-enrolment is pending). */
  state: 'active' | 'setup' | 'disabled';
  createdAt: Date;
}

function stateOf(row: { disabledAt: Date | null; totpEnrolledAt: Date | null }) {
  if (row.disabledAt) return 'disabled' as const;
  return row.totpEnrolledAt ? ('active' as const) : ('setup' as const);
}

const columns = {
  id: staffMembers.id,
  email: staffMembers.email,
  name: staffMembers.name,
  role: staffMembers.role,
  disabledAt: staffMembers.disabledAt,
  totpEnrolledAt: staffMembers.totpEnrolledAt,
  createdAt: staffMembers.createdAt,
};

/** Every staff member, by name (the City's staff are hundreds, not thousands). */
export async function listStaffMembers(db: Db): Promise<StaffMemberSummary[]> {
  const rows = await db.select(columns).from(staffMembers).orderBy(asc(staffMembers.name));
  return rows.map(({ disabledAt, totpEnrolledAt, ...row }) => ({
    ...row,
    state: stateOf({ disabledAt, totpEnrolledAt }),
  }));
}

export async function findStaffMember(db: Db, id: string): Promise<StaffMemberSummary | undefined> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return undefined;
  const [row] = await db.select(columns).from(staffMembers).where(eq(staffMembers.id, id));
  if (!row) return undefined;
  const { disabledAt, totpEnrolledAt, ...rest } = row;
  return { ...rest, state: stateOf({ disabledAt, totpEnrolledAt }) };
}
