import { redirect } from 'next/navigation';
import { unstable_update } from '@/lib/auth';
import { getCurrentUser } from '@/lib/auth/session';
import { getDb } from '@/lib/db/client';
import { isLocale } from '@/lib/i18n/routing';
import { localizedPath } from '@/lib/i18n/navigation';
import { getRegistrationState } from '@/lib/registration/registration-state';
import { STEP_PATH } from '@/lib/registration/steps';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

/**
 * Brings the session token in line with the database, then opens the registration step the
 * person is really at. Writes nothing but the person's own session cookie.
 */
export async function GET(request: Request) {
  const requested = new URL(request.url).searchParams.get('locale');
  const locale = isLocale(requested) ? requested : 'fr';
  const user = await getCurrentUser();
  if (!user) redirect(localizedPath('/login', locale));
  const state = await getRegistrationState(await getDb(), user.id);
  await unstable_update({});
  redirect(localizedPath(STEP_PATH[state], locale));
}
