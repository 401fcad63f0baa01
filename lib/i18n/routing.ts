import { defineRouting } from 'next-intl/routing';

/**
 * Locales and localized paths. The paths are a contract (bookmarks, emails, operators' links):
 * see DESIGN.md. Keys are the internal routes (the folders under app/[locale]).
 */
export const routing = defineRouting({
  locales: ['fr', 'en'],
  defaultLocale: 'fr',
  localePrefix: 'always',
  // Its alternate-language Link header is built from the request's Host: leave it out.
  alternateLinks: false,
  // The language toggle is a link; a cookie would make `/` stick to the last language used,
  // which is fine, but it must never be the only signal: the path always carries the locale.
  localeCookie: { name: 'monso-locale', sameSite: 'lax', maxAge: 60 * 60 * 24 * 365 },
  pathnames: {
    '/': '/',
    '/login': { fr: '/connexion', en: '/login' },
    '/create-account': { fr: '/creer-un-compte', en: '/create-account' },
    '/create-account/check-email': {
      fr: '/creer-un-compte/verifiez-vos-courriels',
      en: '/create-account/check-your-email',
    },
    '/activate': { fr: '/activer', en: '/activate' },
    '/resend-activation': { fr: '/renvoyer-le-lien', en: '/resend-activation' },
    '/forgot-password': { fr: '/mot-de-passe-oublie', en: '/forgot-password' },
    '/reset-password': { fr: '/reinitialiser-le-mot-de-passe', en: '/reset-password' },
    '/dashboard': { fr: '/tableau-de-bord', en: '/dashboard' },
    '/settings': { fr: '/parametres', en: '/settings' },
    '/settings/contact-details': { fr: '/parametres/coordonnees', en: '/settings/contact-details' },
    '/settings/contact-details/edit': {
      fr: '/parametres/coordonnees/modifier',
      en: '/settings/contact-details/edit',
    },
    '/settings/language': { fr: '/parametres/langue', en: '/settings/language' },
    '/settings/password': { fr: '/parametres/mot-de-passe', en: '/settings/password' },
    '/settings/email': { fr: '/parametres/courriel', en: '/settings/email' },
    '/confirm-email': { fr: '/confirmer-le-courriel', en: '/confirm-email' },
    '/help': { fr: '/aide', en: '/help' },
    '/building-code-services': {
      fr: '/services-du-code-du-batiment',
      en: '/building-code-services',
    },
    '/building-code-services/register': {
      fr: '/services-du-code-du-batiment/inscription',
      en: '/building-code-services/register',
    },
    '/building-code-services/register/client-record': {
      fr: '/services-du-code-du-batiment/inscription/dossier-client',
      en: '/building-code-services/register/client-record',
    },
    '/building-code-services/profile': {
      fr: '/services-du-code-du-batiment/profil',
      en: '/building-code-services/profile',
    },
    // Applications (APPLICATIONS.md, "Contracts"). The parameters are language-neutral (a type's
    // reference prefix, a reference, a step's number), so the language toggle keeps them.
    '/building-code-services/applications/new': {
      fr: '/services-du-code-du-batiment/demandes/nouvelle',
      en: '/building-code-services/applications/new',
    },
    '/building-code-services/applications/new/[type]': {
      fr: '/services-du-code-du-batiment/demandes/nouvelle/[type]',
      en: '/building-code-services/applications/new/[type]',
    },
    '/building-code-services/applications/[reference]': {
      fr: '/services-du-code-du-batiment/demandes/[reference]',
      en: '/building-code-services/applications/[reference]',
    },
    // Payment (issue 18): the return from the provider, the receipt, the test provider's page.
    '/building-code-services/applications/[reference]/payment': {
      fr: '/services-du-code-du-batiment/demandes/[reference]/paiement',
      en: '/building-code-services/applications/[reference]/payment',
    },
    '/building-code-services/applications/[reference]/receipt/[invoice]': {
      fr: '/services-du-code-du-batiment/demandes/[reference]/recu/[invoice]',
      en: '/building-code-services/applications/[reference]/receipt/[invoice]',
    },
    '/building-code-services/applications/[reference]/test-payment': {
      fr: '/services-du-code-du-batiment/demandes/[reference]/paiement-test',
      en: '/building-code-services/applications/[reference]/test-payment',
    },
    '/building-code-services/applications/[reference]/step/[step]': {
      fr: '/services-du-code-du-batiment/demandes/[reference]/etape/[step]',
      en: '/building-code-services/applications/[reference]/step/[step]',
    },
    // Inspections (issue 20): an issued construction permit's owner asks for one.
    '/building-code-services/applications/[reference]/inspections/new': {
      fr: '/services-du-code-du-batiment/demandes/[reference]/inspections/nouvelle',
      en: '/building-code-services/applications/[reference]/inspections/new',
    },
    // The City staff's area (APPLICATIONS.md, "The staff area" and "Contracts").
    '/staff/login': { fr: '/personnel/connexion', en: '/staff/login' },
    '/staff/setup': { fr: '/personnel/configuration', en: '/staff/setup' },
    '/staff/setup/two-factor': {
      fr: '/personnel/configuration/double-authentification',
      en: '/staff/setup/two-factor',
    },
    '/staff/applications': { fr: '/personnel/demandes', en: '/staff/applications' },
    '/staff/applications/[reference]': {
      fr: '/personnel/demandes/[reference]',
      en: '/staff/applications/[reference]',
    },
    '/staff/inspections': { fr: '/personnel/inspections', en: '/staff/inspections' },
    '/staff/inspections/[inspectionId]': {
      fr: '/personnel/inspections/[inspectionId]',
      en: '/staff/inspections/[inspectionId]',
    },
    '/staff/team': { fr: '/personnel/equipe', en: '/staff/team' },
    '/staff/team/[staffId]': { fr: '/personnel/equipe/[staffId]', en: '/staff/team/[staffId]' },
    '/staff/support': { fr: '/personnel/soutien', en: '/staff/support' },
    '/staff/support/residents/[userId]': {
      fr: '/personnel/soutien/residents/[userId]',
      en: '/staff/support/residents/[userId]',
    },
    '/staff/support/client-pins': {
      fr: '/personnel/soutien/nip-clients',
      en: '/staff/support/client-pins',
    },
  },
});

export type Locale = (typeof routing.locales)[number];
export type AppPathname = keyof typeof routing.pathnames;
/** The routes with a parameter, e.g. '/building-code-services/applications/[reference]'. */
export type DynamicPathname = Extract<AppPathname, `${string}[${string}`>;
/** The routes without one: what a plain link or redirect names. */
export type StaticPathname = Exclude<AppPathname, DynamicPathname>;
export type RouteParams = Record<string, string>;

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (routing.locales as readonly string[]).includes(value);
}
