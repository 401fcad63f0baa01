import type { Metadata } from 'next';
import type { ReactNode } from 'react';

// Developer tools live outside app/[locale] and so need their own root layout.
export const metadata: Metadata = {
  title: 'Developer tools – My ServiceOttawa',
  robots: { index: false, follow: false },
};

export default function DevLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body style={{ fontFamily: 'system-ui, sans-serif', margin: 0, color: '#1f1f1f' }}>
        {children}
      </body>
    </html>
  );
}
