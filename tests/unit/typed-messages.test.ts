import type { useTranslations } from 'next-intl';
import { describe, expect, it } from 'vitest';

/**
 * Message keys are typed (lib/i18n/app-config.d.ts): `npm run typecheck` fails on a key that
 * messages/fr.json does not have. The `@ts-expect-error` lines below are the proof — if typing
 * were lost, they would become unused directives, which tsc reports as errors.
 */
type LoginTranslator = ReturnType<typeof useTranslations<'LoginPage'>>;

function typeChecks(t: LoginTranslator): string[] {
  return [
    t('title'),
    t('notices.passwordReset'),
    // @ts-expect-error: not a key of LoginPage
    t('notAKey'),
    // @ts-expect-error: a key of another page
    t('intro'),
  ];
}

describe('typed messages', () => {
  it('I18N-01: a key the French file does not have is a type error (checked by tsc)', () => {
    const seen: string[] = [];
    typeChecks(((key: string) => {
      seen.push(key);
      return key;
    }) as unknown as LoginTranslator);
    expect(seen).toEqual(['title', 'notices.passwordReset', 'notAKey', 'intro']);
  });
});
