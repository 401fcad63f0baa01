import { NextResponse } from 'next/server';

/**
 * Does nothing and matches no page. It is here only because Turbopack looks for a proxy or
 * middleware file from the project folder upwards: without one, the baseline would pick up the
 * portal's middleware.ts at the repository root.
 */
export function proxy() {
  return NextResponse.next();
}

export const config = { matcher: ['/__baseline-never-matches'] };
