import { describe, expect, it } from 'vitest';
import { PIN_LOCK_AFTER, PIN_WARN_FROM, fewTriesLeft } from '@/lib/clients/pin-rules';
import { maskAddress } from '@/lib/clients/record-hint';

describe('maskAddress: a detail of the linked record, not the whole address', () => {
  it.each([
    ['110, avenue Laurier Ouest, Ottawa', '1••, avenue Laurier…'],
    ['110 Laurier Avenue West, Ottawa, ON K1P 1J1', '1•• Laurier…'],
    ['1234 Chemin de la Montagne, Gatineau', '1••• Chemin de la Montagne…'],
    ['12B, rue Saint-Jean', '1•, rue Saint-Jean'],
    ['5 rue Principale', '• rue Principale'],
    ['  110,   avenue  Laurier Ouest ', '1••, avenue Laurier…'],
  ])('%j → %j', (address, masked) => {
    expect(maskAddress(address)).toBe(masked);
  });

  it('never shows the civic number whole, the city or the postal code', () => {
    const masked = maskAddress('4321 Bank Street, Ottawa, ON K1P 1J1')!;
    expect(masked).not.toContain('4321');
    expect(masked).not.toMatch(/Ottawa|K1P/);
    expect(masked).toContain('Bank');
  });

  it('has nothing to show without an address', () => {
    expect(maskAddress(null)).toBeNull();
    expect(maskAddress(undefined)).toBeNull();
    expect(maskAddress('   ')).toBeNull();
  });
});

describe('fewTriesLeft: when the PIN form counts the tries before the lock', () => {
  it(`PIN-02: from ${PIN_WARN_FROM} tries left down to 1, not before, not once locked`, () => {
    expect(PIN_LOCK_AFTER).toBe(10);
    expect(fewTriesLeft(10)).toBeNull();
    expect(fewTriesLeft(6)).toBeNull();
    expect(fewTriesLeft(5)).toBe(5);
    expect(fewTriesLeft(3)).toBe(3);
    expect(fewTriesLeft(1)).toBe(1);
    expect(fewTriesLeft(0)).toBeNull();
  });
});
