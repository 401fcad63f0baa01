import type { ReactNode } from 'react';
import { StaffHeader } from '@/app/_components/staff-header';

/** The staff area's ways in: sign-in, the set-up link and the first second-factor code. */
export default function StaffEntryLayout({ children }: { children: ReactNode }) {
  return (
    <>
      <StaffHeader />
      {children}
    </>
  );
}
