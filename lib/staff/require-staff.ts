import 'server-only';
import { cookies } from 'next/headers';
import { notFound } from 'next/navigation';
import { cache } from 'react';
import { getDb } from '@/lib/db/client';
import { redirect } from '@/lib/i18n/navigation';
import type { Locale } from '@/lib/i18n/routing';
import type { StaffRole } from './roles';
import { STAFF_COOKIE, STAFF_COOKIE_OPTIONS } from './staff-cookie';
import { readStaffSession, type StaffSessionUser } from './staff-session';

/**
 * The staff member of this request, read from the database on every request (STF-02, STF-03):
 * the staff cookie's session, open, not idle, not past 8 hours, its member not disabled. A
 * resident's session is another cookie and is never looked at here.
 */
export const getCurrentStaff = cache(async (): Promise<StaffSessionUser | null> =>
  readStaffSession(await getDb(), (await cookies()).get(STAFF_COOKIE)?.value, new Date()),
);

export class StaffRoleRefused extends Error {
  constructor() {
    super('staff role refused');
  }
}

/**
 * Every staff page, action and route starts here: a full session (both factors given) of one of
 * `roles`, or the staff sign-in page. A member of another role gets `'forbidden'` back for the
 * page to show "not found" — never the data.
 */
export async function requireStaff(
  locale: Locale,
  roles: readonly StaffRole[],
): Promise<StaffSessionUser | 'forbidden'> {
  const staff = await getCurrentStaff();
  if (!staff || staff.stage !== 'full') {
    return redirect({ href: '/staff/login', locale });
  }
  if (!roles.includes(staff.role)) return 'forbidden';
  return staff;
}

/** The enrolment page: a session that the set-up link opened, still waiting for its first code. */
export async function requireStaffEnrolment(locale: Locale): Promise<StaffSessionUser> {
  const staff = await getCurrentStaff();
  if (!staff || staff.stage !== 'enrolment') return redirect({ href: '/staff/login', locale });
  return staff;
}

/** Sets the cookie of a new session (sign-in, set-up). Server actions and route handlers only. */
export async function setStaffCookie(token: string): Promise<void> {
  (await cookies()).set(STAFF_COOKIE, token, STAFF_COOKIE_OPTIONS);
}

export async function clearStaffCookie(): Promise<void> {
  (await cookies()).delete({ name: STAFF_COOKIE, ...STAFF_COOKIE_OPTIONS, maxAge: 0 });
}

/**
 * For server actions and route handlers: as `requireStaff`, and a member of another role gets
 * "not found" (nothing done, nothing said about what the action would do).
 */
export async function requireStaffAction(
  locale: Locale,
  roles: readonly StaffRole[],
): Promise<StaffSessionUser> {
  const staff = await requireStaff(locale, roles);
  if (staff === 'forbidden') notFound();
  return staff;
}
