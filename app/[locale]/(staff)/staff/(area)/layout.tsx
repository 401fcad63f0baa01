import type { ReactNode } from 'react';
import { StaffHeader } from '@/app/_components/staff-header';
import { pageLocale } from '@/lib/i18n/page-locale';
import { ANY_STAFF } from '@/lib/staff/roles';
import { requireStaff } from '@/lib/staff/require-staff';

/**
 * The staff area behind sign-in: a full staff session (both factors) read from the database.
 * Each page checks again with its own roles (a layout is not re-run on every navigation).
 */
export default async function StaffAreaLayout({
  children,
  params,
}: {
  children: ReactNode;
  params: Promise<{ locale: string }>;
}) {
  const staff = await requireStaff(await pageLocale(params), ANY_STAFF);
  return (
    <>
      <StaffHeader staff={staff === 'forbidden' ? undefined : staff} />
      {children}
    </>
  );
}
