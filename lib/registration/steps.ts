import type { AppPathname } from '@/lib/i18n/routing';

/**
 * Where a person stands in the Building Code Services registration: consent + profile, then
 * the previous-client-record choice, then in. Pure data (the session token carries it).
 */
export type RegistrationState = 'needs_consent' | 'needs_client_record' | 'registered';

export const REGISTRATION_STATES: readonly RegistrationState[] = [
  'needs_consent',
  'needs_client_record',
  'registered',
];

export function isRegistrationState(value: unknown): value is RegistrationState {
  return typeof value === 'string' && (REGISTRATION_STATES as readonly string[]).includes(value);
}

/** The page each state belongs on. */
export const STEP_PATH: Record<RegistrationState, AppPathname> = {
  needs_consent: '/building-code-services/register',
  needs_client_record: '/building-code-services/register/client-record',
  registered: '/building-code-services',
};

/** The least advanced state that may open each page of the area. */
export const PAGE_NEEDS: Partial<Record<AppPathname, RegistrationState>> = {
  '/building-code-services/register/client-record': 'needs_client_record',
  '/building-code-services': 'registered',
  '/building-code-services/profile': 'registered',
};

/** True when `state` is at least as far along as `needed`. */
export function hasReached(state: RegistrationState, needed: RegistrationState): boolean {
  return REGISTRATION_STATES.indexOf(state) >= REGISTRATION_STATES.indexOf(needed);
}
