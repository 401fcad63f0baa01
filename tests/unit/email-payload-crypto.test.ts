import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { decryptPayload, encryptPayload } from '@/lib/email/payload-crypto';

const props = { activationUrl: 'https://p.example/fr/activer?token=SeCrEtToKeN1234567890ab' };

describe('outbox payload encryption', () => {
  beforeEach(() => vi.stubEnv('AUTH_SECRET', 'unit-test-secret-0123456789abcdef0123456789'));
  afterEach(() => vi.unstubAllEnvs());

  it('round-trips the props and never shows them in clear', () => {
    const sealed = encryptPayload(props, 'row-1\na@b.c');
    expect(sealed).toMatch(/^v1\./);
    expect(sealed).not.toContain('SeCrEtToKeN');
    expect(decryptPayload(sealed, 'row-1\na@b.c')).toEqual(props);
  });

  it('gives a different ciphertext each time (random IV)', () => {
    expect(encryptPayload(props, 'ctx')).not.toBe(encryptPayload(props, 'ctx'));
  });

  it('refuses a payload moved to another row or recipient', () => {
    const sealed = encryptPayload(props, 'row-1\na@b.c');
    expect(() => decryptPayload(sealed, 'row-1\nevil@b.c')).toThrow(/cannot be decrypted/);
  });

  it('refuses a tampered payload', () => {
    const [v, iv, data, tag] = encryptPayload(props, 'ctx').split('.');
    const flipped = Buffer.from(data!, 'base64url');
    flipped[0] = flipped[0]! ^ 1;
    const tampered = [v, iv, flipped.toString('base64url'), tag].join('.');
    expect(() => decryptPayload(tampered, 'ctx')).toThrow(/cannot be decrypted/);
  });

  it('refuses a payload sealed under another AUTH_SECRET', () => {
    const sealed = encryptPayload(props, 'ctx');
    vi.stubEnv('AUTH_SECRET', 'another-secret-entirely-0123456789abcdef');
    expect(() => decryptPayload(sealed, 'ctx')).toThrow(/cannot be decrypted/);
  });

  it('says clearly that AUTH_SECRET is missing', () => {
    vi.stubEnv('AUTH_SECRET', '');
    expect(() => encryptPayload(props, 'ctx')).toThrow(/AUTH_SECRET is not set/);
  });
});
