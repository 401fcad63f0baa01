import { describe, expect, it } from 'vitest';
import { type StaticPathname } from '@/lib/i18n/routing';
import { internalPath, localizedDynamicPath, localizedPath } from '@/lib/i18n/navigation';

// The DESIGN.md path table: bookmarks, emails and operators' links depend on it.
const TABLE: Array<[StaticPathname, string, string]> = [
  ['/login', '/fr/connexion', '/en/login'],
  ['/create-account', '/fr/creer-un-compte', '/en/create-account'],
  ['/activate', '/fr/activer', '/en/activate'],
  ['/forgot-password', '/fr/mot-de-passe-oublie', '/en/forgot-password'],
  ['/reset-password', '/fr/reinitialiser-le-mot-de-passe', '/en/reset-password'],
  ['/dashboard', '/fr/tableau-de-bord', '/en/dashboard'],
  ['/settings', '/fr/parametres', '/en/settings'],
  ['/help', '/fr/aide', '/en/help'],
  ['/building-code-services', '/fr/services-du-code-du-batiment', '/en/building-code-services'],
  [
    '/building-code-services/register',
    '/fr/services-du-code-du-batiment/inscription',
    '/en/building-code-services/register',
  ],
  [
    '/building-code-services/register/client-record',
    '/fr/services-du-code-du-batiment/inscription/dossier-client',
    '/en/building-code-services/register/client-record',
  ],
  [
    '/building-code-services/profile',
    '/fr/services-du-code-du-batiment/profil',
    '/en/building-code-services/profile',
  ],
];

describe('localized paths', () => {
  it.each(TABLE)('%s is %s in French and %s in English', (pathname, frPath, enPath) => {
    expect(localizedPath(pathname, 'fr')).toBe(frPath);
    expect(localizedPath(pathname, 'en')).toBe(enPath);
    expect(internalPath(frPath)).toEqual({ locale: 'fr', pathname, params: {} });
    expect(internalPath(enPath)).toEqual({ locale: 'en', pathname, params: {} });
  });

  it('maps the locale roots and ignores trailing slashes', () => {
    expect(localizedPath('/', 'en')).toBe('/en');
    expect(internalPath('/fr')).toEqual({ locale: 'fr', pathname: '/', params: {} });
    expect(internalPath('/fr/connexion/')).toEqual({
      locale: 'fr',
      pathname: '/login',
      params: {},
    });
  });

  it('does not mix languages or accept unknown paths', () => {
    expect(internalPath('/fr/login')).toBeNull();
    expect(internalPath('/de/login')).toBeNull();
    expect(internalPath('/en/nowhere')).toBeNull();
  });

  it('maps the application pages with their parameters, a static path before a parameter', () => {
    expect(
      localizedDynamicPath('/building-code-services/applications/[reference]', 'fr', {
        reference: 'CON-2026-000001',
      }),
    ).toBe('/fr/services-du-code-du-batiment/demandes/CON-2026-000001');
    expect(internalPath('/en/building-code-services/applications/CON-2026-000001/step/3')).toEqual({
      locale: 'en',
      pathname: '/building-code-services/applications/[reference]/step/[step]',
      params: { reference: 'CON-2026-000001', step: '3' },
    });
    expect(internalPath('/fr/services-du-code-du-batiment/demandes/nouvelle')).toEqual({
      locale: 'fr',
      pathname: '/building-code-services/applications/new',
      params: {},
    });
    expect(internalPath('/fr/services-du-code-du-batiment/demandes/nouvelle/CON')?.params).toEqual({
      type: 'CON',
    });
    // A parameter is one segment, never a path; a broken escape is no page at all.
    expect(internalPath('/fr/services-du-code-du-batiment/demandes/a/b/c')).toBeNull();
    expect(internalPath('/fr/services-du-code-du-batiment/demandes/%E0%A4%A')).toBeNull();
    expect(internalPath('/fr/building-code-services/applications/CON-2026-000001')).toBeNull();
  });
});
