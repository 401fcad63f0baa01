import { notFound } from 'next/navigation';

/** Any unknown path under a locale gets the localized 404 (./not-found.tsx, kept here so that no other page renders it ahead of time). */
export default function CatchAll() {
  notFound();
}
