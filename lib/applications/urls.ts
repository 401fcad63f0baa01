import type { Locale } from '@/lib/i18n/routing';
import { applicationPath } from './paths';

/** An application's page as an absolute link for emails, from APP_URL only. */
export function absoluteUrlOf(appUrl: string, locale: Locale, reference: string): string {
  return `${appUrl}${applicationPath(locale, reference)}`;
}
