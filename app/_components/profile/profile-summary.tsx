import { getTranslations } from 'next-intl/server';
import {
  PROFILE_FIELDS,
  storedProfile,
  type ProfileField,
} from '@/lib/registration/profile-schema';

const CHOICE_FIELDS = new Set(['title', 'communicationLanguage', 'province', 'country']);

/**
 * A profile (the one shared with Building Code Services, or the contact details kept in "Mes
 * paramètres") as a description list; `compact` shows only the main fields that are filled in.
 */
export async function ProfileSummary({
  profile,
  compact = false,
}: {
  profile: Record<ProfileField, string | null>;
  compact?: boolean;
}) {
  const p = await getTranslations('Profile');
  const t = await getTranslations('BuildingProfilePage');
  const fields = compact
    ? (['firstName', 'lastName', 'phone', 'address1', 'city'] as const)
    : PROFILE_FIELDS;
  const current = storedProfile(profile);
  const shown = (field: (typeof PROFILE_FIELDS)[number]) => {
    const value = current[field];
    if (!value) return null;
    return CHOICE_FIELDS.has(field) ? p(`${field}.options.${value}` as never) : value;
  };
  return (
    // Label beside value from 640 px; one under the other below, so that long labels (the
    // secondary phone extension's) never make a 320 px screen scroll sideways.
    <dl className="grid grid-cols-1 gap-x-4 gap-y-1 sm:grid-cols-[max-content_1fr]">
      {fields
        .filter((field) => !compact || shown(field))
        .map((field) => (
          <div key={field} className="contents">
            <dt className="font-semibold">{p(`${field}.label` as never)}</dt>
            <dd className="mb-2 break-words sm:mb-0">{shown(field) ?? t('notProvided')}</dd>
          </div>
        ))}
    </dl>
  );
}
