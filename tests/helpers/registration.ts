import { skipClientRecord } from '@/lib/registration/skip-client-record';
import { activateAccount } from '@/lib/accounts/activate-account';
import { giveConsent } from '@/lib/registration/give-consent';
import { profileSchema } from '@/lib/registration/profile-schema';
import type { Deps } from '@/lib/deps';
import { GOOD_PASSWORD, latestActivationToken, nextIp, register } from './accounts';

export const PROFILE = {
  title: '',
  firstName: 'Jean',
  lastName: 'Tremblay',
  communicationLanguage: 'fr',
  unit: '',
  address1: '110, avenue Laurier Ouest',
  address2: '',
  city: 'Ottawa',
  province: 'ON',
  postalCode: 'k1p1j1',
  country: 'CA',
  phone: '613 580 2424',
  phoneExtension: '',
  secondaryPhone: '',
  secondaryPhoneExtension: '',
};

/** An active account; returns its id. */
export async function activeUser(deps: Deps, email: string): Promise<string> {
  await register(deps, email);
  const token = await latestActivationToken(deps.db, email);
  const result = await activateAccount(deps, { token, password: GOOD_PASSWORD, ip: nextIp() });
  if (result.status !== 'activated') throw new Error(`could not activate ${email}`);
  return result.userId;
}

/** An active account that has given consent (at the client-record step). */
export async function consentedUser(deps: Deps, email: string): Promise<string> {
  const userId = await activeUser(deps, email);
  const result = await giveConsent(deps, {
    userId,
    locale: 'fr',
    profile: profileSchema.parse(PROFILE),
  });
  if (result.status !== 'ok') throw new Error('consent refused');
  return userId;
}

/** A resident registered for Building Code Services (consent given, no client record linked). */
export async function registeredUser(deps: Deps, email: string): Promise<string> {
  const userId = await consentedUser(deps, email);
  if ((await skipClientRecord(deps, userId)) !== 'ok') throw new Error('could not register');
  return userId;
}
