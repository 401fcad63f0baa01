import type { AppPathname, Locale } from '@/lib/i18n/routing';

/**
 * The dashboard's service widgets, in the guide's order. Links to the City's other services
 * live here and only here: operators change a URL in this file, content editors the words in
 * messages/*.json (DashboardPage.widgets.<key>).
 */
export type WidgetLink =
  { kind: 'external'; href: Record<Locale, string> } | { kind: 'internal'; pathname: AppPathname };

export type WidgetIcon =
  'calendar' | 'drop' | 'money' | 'clipboard' | 'paw' | 'envelope' | 'flame' | 'building';

export interface Widget {
  key:
    | 'wasteRecycling'
    | 'waterBills'
    | 'propertyTax'
    | 'serviceRequests'
    | 'petRegistration'
    | 'eSubscriptions'
    | 'openAirFire'
    | 'buildingServices';
  /** An icon of app/_components/icons.tsx, by name (inline SVG: emoji do not render everywhere). */
  icon: WidgetIcon;
  link: WidgetLink;
  /**
   * A count the widget shows when above 0 (lib/dashboard/widget-counts.ts), in the words of
   * `DashboardPage.widgets.<key>.<count>Count`: the building applications needing the resident.
   */
  count?: 'action';
}

export const SURVEY_LINK: Record<Locale, string> = {
  fr: 'https://ottawa.ca/fr/nous-joindre/sondages',
  en: 'https://ottawa.ca/en/contact-us/surveys',
};

export const WIDGETS: readonly Widget[] = [
  {
    key: 'wasteRecycling',
    icon: 'calendar',
    link: {
      kind: 'external',
      href: {
        fr: 'https://ottawa.ca/fr/ordures-et-recyclage/calendrier-de-collecte',
        en: 'https://ottawa.ca/en/garbage-and-recycling/collection-calendar',
      },
    },
  },
  {
    key: 'waterBills',
    icon: 'drop',
    link: {
      kind: 'external',
      href: {
        fr: 'https://ottawa.ca/fr/services-deau/factures-deau',
        en: 'https://ottawa.ca/en/water-services/water-bills',
      },
    },
  },
  {
    key: 'propertyTax',
    icon: 'money',
    link: {
      kind: 'external',
      href: {
        fr: 'https://ottawa.ca/fr/hotel-de-ville/impots-fonciers',
        en: 'https://ottawa.ca/en/city-hall/property-taxes',
      },
    },
  },
  {
    key: 'serviceRequests',
    icon: 'clipboard',
    link: {
      kind: 'external',
      href: {
        fr: 'https://ottawa.ca/fr/3-1-1/demandes-de-service',
        en: 'https://ottawa.ca/en/3-1-1/service-requests',
      },
    },
  },
  {
    key: 'petRegistration',
    icon: 'paw',
    link: {
      kind: 'external',
      href: {
        fr: 'https://ottawa.ca/fr/animaux/enregistrement-des-animaux',
        en: 'https://ottawa.ca/en/animals/pet-registration',
      },
    },
  },
  {
    key: 'eSubscriptions',
    icon: 'envelope',
    link: {
      kind: 'external',
      href: {
        fr: 'https://ottawa.ca/fr/cyberabonnements',
        en: 'https://ottawa.ca/en/esubscriptions',
      },
    },
  },
  {
    key: 'openAirFire',
    icon: 'flame',
    link: {
      kind: 'external',
      href: {
        fr: 'https://ottawa.ca/fr/sante-et-securite-publique/permis-de-feu-en-plein-air',
        en: 'https://ottawa.ca/en/health-and-public-safety/open-air-fire-permits',
      },
    },
  },
  {
    key: 'buildingServices',
    icon: 'building',
    link: { kind: 'internal', pathname: '/building-code-services' },
    count: 'action',
  },
];
