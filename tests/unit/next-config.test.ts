import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import nextConfig from '@/next.config';
import { PROFILE_FIELDS } from '@/lib/registration/profile-schema';

/** How Next.js reads `serverActions.bodySizeLimit` (server/app-render/action-handler.js). */
const { parse } = createRequire(import.meta.url)('next/dist/compiled/bytes') as {
  parse(value: string | number): number | null;
};
const NEXT_DEFAULT_BYTES = 1024 * 1024;

/** The most a person can put in each consent/contact field and still pass profileSchema. */
const PROFILE_MAX: Record<(typeof PROFILE_FIELDS)[number], number> = {
  title: 2,
  firstName: 100,
  lastName: 100,
  communicationLanguage: 2,
  unit: 20,
  address1: 200,
  address2: 200,
  city: 100,
  province: 2,
  postalCode: 20,
  country: 5,
  phone: 40,
  phoneExtension: 6,
  secondaryPhone: 40,
  secondaryPhoneExtension: 6,
};

describe('request body limit (issue 5)', () => {
  const limit = nextConfig.experimental?.serverActions?.bodySizeLimit;

  it('refuses server action bodies over 64 kB, well below Next.js’s default of 1 MB', () => {
    expect(limit).toBe('64kb');
    const bytes = parse(limit!);
    expect(bytes).toBe(64 * 1024);
    expect(bytes!).toBeLessThan(NEXT_DEFAULT_BYTES);
  });

  it('leaves the largest form (consent, every field at its maximum in 4-byte characters) 4× room', async () => {
    // A server action posted with JavaScript sends the fields and, as its first argument, the
    // previous form state, which echoes the values back: count everything twice.
    const form = new FormData();
    form.append('1_$ACTION_ID_0123456789abcdef0123456789abcdef01234567', '');
    for (const field of PROFILE_FIELDS) form.append(`1_${field}`, '𝐚'.repeat(PROFILE_MAX[field]));
    form.append('1_consent', 'on');
    const echoed = Object.fromEntries(
      PROFILE_FIELDS.map((field) => [field, '𝐚'.repeat(PROFILE_MAX[field])]),
    );
    form.append('0', JSON.stringify([{ status: 'error', fieldErrors: {}, values: echoed }, '$K1']));
    const size = (await new Response(form).arrayBuffer()).byteLength;
    const maxCharacters = Object.values(PROFILE_MAX).reduce((a, b) => a + b, 0);
    expect(size).toBeGreaterThan(2 * 4 * maxCharacters);
    expect(size * 4).toBeLessThan(parse(limit!)!);
  });
});

describe('image optimizer', () => {
  it('ERR-01: is off: the app shows no images, and /_next/image fetched anything it was asked for', () => {
    expect(nextConfig.images?.unoptimized).toBe(true);
  });
});
