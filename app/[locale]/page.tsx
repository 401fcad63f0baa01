import { redirect } from 'next/navigation';
import { getCurrentUser } from '@/lib/auth/session';
import { localizedPath } from '@/lib/i18n/navigation';
import { pageLocale } from '@/lib/i18n/page-locale';

/** `/fr` and `/en`: the dashboard when signed in, the login page otherwise. */
export default async function LocaleHome({ params }: { params: Promise<{ locale: string }> }) {
  const locale = await pageLocale(params);
  redirect(localizedPath((await getCurrentUser()) ? '/dashboard' : '/login', locale));
}
