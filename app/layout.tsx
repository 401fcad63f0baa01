import type { ReactNode } from 'react';
import './globals.css';

/** The localized layout (app/[locale]/layout.tsx) renders <html>; this one only passes through. */
export default function RootLayout({ children }: { children: ReactNode }) {
  return children;
}
