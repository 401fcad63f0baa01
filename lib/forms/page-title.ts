import 'server-only';
import { headers } from 'next/headers';
import { getTranslations } from 'next-intl/server';
import type { Locale } from '@/lib/i18n/routing';

/**
 * The <title> of a page that holds a form, with "Erreur : " / "Error: " in front when the page
 * is the answer to its own form posted without JavaScript (UX.md row 2). Every form of the portal
 * redirects when it succeeds, so a page rendered in answer to a plain form POST is showing
 * errors. (With JavaScript, the error summary sets the title itself.)
 */
export async function formPageTitle(locale: Locale, title: string): Promise<string> {
  const h = await headers();
  const type = h.get('content-type') ?? '';
  // A server action that redirects has Next.js render the next page with the action's headers,
  // its content-type included but not next-action; they still accept only the RSC format, which
  // no browser's own form submission does.
  const plainFormPost =
    !h.has('next-action') &&
    !(h.get('accept') ?? '').includes('text/x-component') &&
    (type.startsWith('multipart/form-data') ||
      type.startsWith('application/x-www-form-urlencoded'));
  if (!plainFormPost) return title;
  const t = await getTranslations({ locale, namespace: 'ErrorSummary' });
  return t('titlePrefix') + title;
}
