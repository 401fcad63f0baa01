import { staffMembers } from '@/lib/db/schema';

/** The staff roles (APPLICATIONS.md, "Who uses it"): what each may open is decided on the server. */
export const STAFF_ROLES = staffMembers.role.enumValues;
export type StaffRole = (typeof STAFF_ROLES)[number];

export function isStaffRole(value: unknown): value is StaffRole {
  return typeof value === 'string' && (STAFF_ROLES as readonly string[]).includes(value);
}

/** Every role: the work queue is open to all staff. */
export const ANY_STAFF: readonly StaffRole[] = STAFF_ROLES;
/** Staff accounts and their audit trail: administrators only. */
export const ADMIN_ONLY: readonly StaffRole[] = ['admin'];
/** The inspectors' day and an inspection's page (issue 20): inspectors and administrators. */
export const INSPECTORS: readonly StaffRole[] = ['inspector', 'admin'];
