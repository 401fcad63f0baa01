import { describe, expect, it } from 'vitest';
import { safeCallbackPath } from '@/lib/auth/callback-path';

describe('safeCallbackPath (LOG-08)', () => {
  it('keeps a same-origin path of the portal, with its query', () => {
    expect(safeCallbackPath('/fr/tableau-de-bord')).toBe('/fr/tableau-de-bord');
    expect(safeCallbackPath('/en/building-code-services/register?step=1')).toBe(
      '/en/building-code-services/register?step=1',
    );
  });

  it.each([
    '//evil.example',
    '//evil.example/fr/tableau-de-bord',
    '/\\evil.example',
    'https://evil.example/fr/tableau-de-bord',
    'javascript:alert(1)',
    '/fr/tableau-de-bord\r\nSet-Cookie: x=1',
    '',
    '/fr/unknown-page',
    '/fr/connexion',
  ])('rejects %j', (value) => {
    expect(safeCallbackPath(value)).toBeNull();
  });

  it('rejects anything that is not a string', () => {
    expect(safeCallbackPath(undefined)).toBeNull();
    expect(safeCallbackPath(['/fr/tableau-de-bord'])).toBeNull();
  });
});
