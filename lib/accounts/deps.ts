import type { Db } from '@/lib/db/types';

/** What the account functions need from the outside world; tests pass a PGlite db and a fake clock. */
export interface AccountDeps {
  db: Db;
  now: () => Date;
  /** Base of the links put in emails (APP_URL). */
  appUrl: string;
}

/** The activation link lives 48 hours, as the City's guide says (ACT-02: a deliberate choice). */
export const ACTIVATION_TTL_MS = 48 * 60 * 60 * 1000;

/** A password reset link lives 15 minutes (RST-02). */
export const RESET_TTL_MS = 15 * 60 * 1000;
