import type { AppPathname, StaticPathname } from '@/lib/i18n/routing';

/**
 * Where a person stands in the Building Code Services registration: consent + profile, then
 * the previous-client-record choice, then in. The state itself is read from the database
 * (registration-state.ts).
 */
export type RegistrationState = 'needs_consent' | 'needs_client_record' | 'registered';

const REGISTRATION_STATES: readonly RegistrationState[] = [
  'needs_consent',
  'needs_client_record',
  'registered',
];

/** The page each state belongs on. */
export const STEP_PATH: Record<RegistrationState, StaticPathname> = {
  needs_consent: '/building-code-services/register',
  needs_client_record: '/building-code-services/register/client-record',
  registered: '/building-code-services',
};

/** The least advanced state that may open each page of the area. */
export const PAGE_NEEDS: Partial<Record<AppPathname, RegistrationState>> = {
  '/building-code-services/register/client-record': 'needs_client_record',
  '/building-code-services': 'registered',
  '/building-code-services/profile': 'registered',
  '/building-code-services/applications/new': 'registered',
  '/building-code-services/applications/new/[type]': 'registered',
  '/building-code-services/applications/[reference]': 'registered',
  '/building-code-services/applications/[reference]/step/[step]': 'registered',
};

/** True when `state` is at least as far along as `needed`. */
export function hasReached(state: RegistrationState, needed: RegistrationState): boolean {
  return REGISTRATION_STATES.indexOf(state) >= REGISTRATION_STATES.indexOf(needed);
}
