import type { ReactNode } from 'react';
import { SiteHeader } from '@/app/_components/site-header';

/** Pages anyone may open: login, account creation and activation. */
export default function PublicLayout({ children }: { children: ReactNode }) {
  return (
    <>
      <SiteHeader variant="public" />
      {children}
    </>
  );
}
