import { describe, expect, it } from 'vitest';
import { APPLICATION_ROUTES, applicationRouteTarget } from '@/lib/applications/route-access';
import { internalPath } from '@/lib/i18n/navigation';

describe('payment routes', () => {
  it('APP-01: the return, receipt and test-payment pages are application routes, so the middleware answers 404 to anyone but the owner', () => {
    for (const path of [
      '/fr/services-du-code-du-batiment/demandes/CON-2026-000001/paiement',
      '/en/building-code-services/applications/CON-2026-000001/payment',
      '/fr/services-du-code-du-batiment/demandes/CON-2026-000001/recu/5f0c1d2e-0000-4000-8000-000000000000',
      '/en/building-code-services/applications/CON-2026-000001/receipt/5f0c1d2e-0000-4000-8000-000000000000',
      '/fr/services-du-code-du-batiment/demandes/CON-2026-000001/paiement-test',
      '/en/building-code-services/applications/CON-2026-000001/test-payment',
    ]) {
      const route = internalPath(path);
      expect(route, path).not.toBeNull();
      expect(APPLICATION_ROUTES.has(route!.pathname), path).toBe(true);
      expect(applicationRouteTarget(route!.params)).toMatchObject({ reference: 'CON-2026-000001' });
    }
    // A malformed reference names nothing: "page not found" without a database read.
    const bad = internalPath('/fr/services-du-code-du-batiment/demandes/XYZ/paiement');
    expect(bad && applicationRouteTarget(bad.params)).toBeNull();
  });
});
