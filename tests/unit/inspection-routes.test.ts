import { describe, expect, it } from 'vitest';
import {
  APPLICATION_ROUTES,
  ROUTE_CONDITIONS,
  applicationRouteTarget,
} from '@/lib/applications/route-access';
import { internalPath, localizedDynamicPath } from '@/lib/i18n/navigation';

describe('the inspection request route', () => {
  it('APP-01: is an application route in both languages, so the middleware answers 404 to anyone but the owner', () => {
    for (const path of [
      '/fr/services-du-code-du-batiment/demandes/CON-2026-000001/inspections/nouvelle',
      '/en/building-code-services/applications/CON-2026-000001/inspections/new',
    ]) {
      const route = internalPath(path);
      expect(route?.pathname, path).toBe(
        '/building-code-services/applications/[reference]/inspections/new',
      );
      expect(APPLICATION_ROUTES.has(route!.pathname)).toBe(true);
      expect(applicationRouteTarget(route!.params)).toMatchObject({ reference: 'CON-2026-000001' });
    }
    expect(
      localizedDynamicPath(
        '/building-code-services/applications/[reference]/inspections/new',
        'fr',
        {
          reference: 'CON-2026-000001',
        },
      ),
    ).toBe('/fr/services-du-code-du-batiment/demandes/CON-2026-000001/inspections/nouvelle');
  });

  it('exists only for an issued construction permit: not a compliance report, not before issuance', () => {
    const only =
      ROUTE_CONDITIONS['/building-code-services/applications/[reference]/inspections/new'];
    expect(only).toEqual({ types: ['constructionPermit'], statuses: ['issued'] });
  });
});
