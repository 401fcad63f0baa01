import type { Locale } from '@/lib/i18n/routing';

/** The application pages' public paths (APPLICATIONS.md, "Contracts"): bookmarks and emails. */
const BASE: Record<Locale, string> = {
  fr: '/fr/services-du-code-du-batiment/demandes',
  en: '/en/building-code-services/applications',
};

/** `/fr/services-du-code-du-batiment/demandes/CON-2026-000001`. */
export function applicationPath(locale: Locale, reference: string): string {
  return `${BASE[locale]}/${reference}`;
}

/** The type picker: `/fr/services-du-code-du-batiment/demandes/nouvelle`. */
export function newApplicationPath(locale: Locale): string {
  return `${BASE[locale]}/${locale === 'fr' ? 'nouvelle' : 'new'}`;
}

/** `CON-2026-000001`: a reference's shape, checked before any database read. */
export const REFERENCE_PATTERN = /^[A-Z]{3}-\d{4}-\d{6}$/;

export function isReference(value: string): boolean {
  return REFERENCE_PATTERN.test(value);
}
