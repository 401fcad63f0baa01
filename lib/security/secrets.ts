import { assertPaymentSettings } from '@/lib/payments/config';

/**
 * Start-up checks for the secrets the app cannot run safely without (SEC-01).
 *
 * Called once at start-up in production (instrumentation.ts); it throws with the *name* of the
 * offending variable, never its value.
 */

type Env = Readonly<Record<string, string | undefined>>;

/** Shortest accepted AUTH_SECRET, in characters (e.g. `openssl rand -base64 32` gives 44). */
export const MIN_AUTH_SECRET_LENGTH = 32;

/** The committed development secret starts with this; it must never reach production. */
const DEV_SECRET_PREFIX = 'dev-only-';

/**
 * The AUTH_SECRET values, current one first. Several comma-separated values support rotation,
 * as Auth.js does (the first signs, all verify). Empty entries are dropped.
 */
export function authSecrets(env: Env = process.env): string[] {
  return (env.AUTH_SECRET ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

/**
 * Throws an Error naming the variable when, in production, AUTH_SECRET is missing, has any
 * (comma-separated) value shorter than 32 characters or is the committed development secret, or
 * when PIN_PEPPER is missing, short, the development value or equal to AUTH_SECRET, or when
 * APP_URL is missing or not an absolute http(s) URL, when CRON_SECRET is missing or short (the
 * scheduled jobs would never run, or anyone could run them), and when DATABASE_URL is missing on
 * a serverless host (the embedded database would vanish with each instance), and when
 * PAYMENT_PROVIDER is unset or is `stripe` without its keys (PAY-04). One line each.
 * Does nothing outside production.
 */
export function assertProductionSecrets(env: Env = process.env): void {
  if (env.NODE_ENV !== 'production') return;

  const raw = env.AUTH_SECRET ?? '';
  if (raw.trim() === '') throw new Error('AUTH_SECRET is missing: set it before starting.');
  const values = raw.split(',').map((s) => s.trim());
  values.forEach((value, i) => {
    const which =
      values.length > 1 ? `AUTH_SECRET (value ${i + 1} of ${values.length})` : 'AUTH_SECRET';
    if (value.length < MIN_AUTH_SECRET_LENGTH) {
      throw new Error(`${which} is shorter than ${MIN_AUTH_SECRET_LENGTH} characters.`);
    }
    if (value.startsWith(DEV_SECRET_PREFIX)) {
      throw new Error(`${which} is the development secret: set a real one in production.`);
    }
  });

  const appUrl = env.APP_URL?.trim() ?? '';
  if (appUrl === '') throw new Error('APP_URL is missing: set the public base URL (https://…).');
  let url: URL;
  try {
    url = new URL(appUrl);
  } catch {
    throw new Error('APP_URL is not a valid URL.');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new Error('APP_URL must be an http(s) URL.');
  }

  const pepper = env.PIN_PEPPER?.trim() ?? '';
  if (pepper.length < MIN_AUTH_SECRET_LENGTH) {
    throw new Error(`PIN_PEPPER is missing or shorter than ${MIN_AUTH_SECRET_LENGTH} characters.`);
  }
  if (pepper.startsWith(DEV_SECRET_PREFIX)) {
    throw new Error('PIN_PEPPER is the development value: set a real one in production.');
  }
  if (values.includes(pepper)) {
    throw new Error('PIN_PEPPER must differ from AUTH_SECRET.');
  }

  const cron = env.CRON_SECRET?.trim() ?? '';
  if (cron.length < MIN_CRON_SECRET_LENGTH) {
    throw new Error(
      `CRON_SECRET is missing or shorter than ${MIN_CRON_SECRET_LENGTH} characters: the scheduled jobs (mail retries, draft expiry) need it.`,
    );
  }

  // PAY-04: the test provider only when chosen explicitly; Stripe only with its keys.
  assertPaymentSettings(env);

  if (isServerlessHost(env) && (env.DATABASE_URL?.trim() ?? '') === '') {
    throw new Error(
      'DATABASE_URL is missing: on a serverless host the embedded database would vanish with each instance.',
    );
  }
}

/** Shortest accepted CRON_SECRET: the scheduler's bearer token. */
export const MIN_CRON_SECRET_LENGTH = 16;

/** Hosts whose instances keep no disk between requests (set by the platform itself). */
export function isServerlessHost(env: Env = process.env): boolean {
  return env.VERCEL === '1' || Boolean(env.AWS_LAMBDA_FUNCTION_NAME);
}
