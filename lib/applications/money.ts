import type { Locale } from '@/lib/i18n/routing';

/** How the portal writes an amount: Canadian dollars, "$" alone ("2 687,50 $", "$2,687.50"). */
export const CAD_FORMAT = {
  style: 'currency',
  currency: 'CAD',
  currencyDisplay: 'narrowSymbol',
} as const;

/** An amount kept in integer cents, written for a reader of this language (emails). */
export function formatCad(cents: number, locale: Locale): string {
  return new Intl.NumberFormat(`${locale}-CA`, CAD_FORMAT).format(cents / 100);
}
