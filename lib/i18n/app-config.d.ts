import type messages from '@/messages/fr.json';
import type { routing } from './routing';

/**
 * Typed messages (next-intl): every `t('…')` key is checked against messages/fr.json (the English
 * file is checked against the French one by `npm run messages:check`), so a wrong key is a type
 * error (tests/unit/typed-messages.test.ts proves it), and the locale type is 'fr' | 'en'.
 */
declare module 'next-intl' {
  interface AppConfig {
    Locale: (typeof routing.locales)[number];
    Messages: typeof messages;
  }
}
