import type { ProfileReturn } from '@/app/_components/profile/profile-summary';
import type { StaticPathname } from '@/lib/i18n/routing';

/** The pages a "Modifier" link comes from, where the form goes back to. */
export const RETURN_PATHS: Record<ProfileReturn, StaticPathname> = {
  contact: '/settings/contact-details',
  profile: '/building-code-services/profile',
};

/** `?from=` (or the form's hidden field) as a known page: "Mes coordonnées" unless "Mon profil". */
export function returnOf(value: unknown): ProfileReturn {
  return value === 'profile' ? 'profile' : 'contact';
}
