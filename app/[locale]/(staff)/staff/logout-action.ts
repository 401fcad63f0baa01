'use server';

import { redirect } from 'next/navigation';
import { buttonAction } from '@/lib/forms/form-action';
import { localizedPath } from '@/lib/i18n/navigation';
import { clearStaffCookie, getCurrentStaff } from '@/lib/staff/require-staff';
import { signOutStaff } from '@/lib/staff/sign-out-staff';

/**
 * The staff "Déconnexion": a POST that ends the session row (a copy of the cookie is worthless
 * after it), is audited, and clears the cookie. From another site it does nothing (the cookie is
 * SameSite=Strict, so there would be nothing to end anyway).
 */
export const staffLogoutAction = buttonAction(
  { refused: ({ locale }) => redirect(localizedPath('/staff/login', locale)) },
  async ({ locale, ip, deps }) => {
    const staff = await getCurrentStaff();
    if (staff) await signOutStaff(deps, staff, ip);
    await clearStaffCookie();
    redirect(`${localizedPath('/staff/login', locale)}?notice=signedOut`);
  },
);
