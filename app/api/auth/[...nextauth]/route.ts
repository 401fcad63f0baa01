import { NextRequest } from 'next/server';
import { handlers } from '@/lib/auth';
import { withinBodyLimit } from '@/lib/security/body-limit';

export const runtime = 'nodejs';
export const { GET } = handlers;

/** Auth.js's POSTs (credentials callback, session update, sign-out), bodies capped at 64 kB. */
export async function POST(request: NextRequest): Promise<Response> {
  const checked = await withinBodyLimit(request);
  if (checked instanceof Response) return checked;
  return handlers.POST(checked instanceof NextRequest ? checked : new NextRequest(checked));
}
