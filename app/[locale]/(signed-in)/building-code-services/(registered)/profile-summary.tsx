import { getTranslations } from 'next-intl/server';
import type { LoadedRegistration } from '@/lib/registration/load-registration';
import { PROFILE_FIELDS } from '@/lib/registration/profile-schema';

const CHOICE_FIELDS = new Set(['title', 'communicationLanguage', 'province', 'country']);

/** The profile shared with Building Code Services, as a description list. */
export async function ProfileSummary({
  registration,
  compact = false,
}: {
  registration: LoadedRegistration;
  compact?: boolean;
}) {
  const p = await getTranslations('Profile');
  const t = await getTranslations('BuildingProfilePage');
  const fields = compact
    ? (['firstName', 'lastName', 'phone', 'address1', 'city'] as const)
    : PROFILE_FIELDS;
  const shown = (field: (typeof PROFILE_FIELDS)[number]) => {
    const value = registration[field];
    if (!value) return null;
    return CHOICE_FIELDS.has(field) ? p(`${field}.options.${value}` as never) : value;
  };
  return (
    <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1">
      {fields
        .filter((field) => !compact || shown(field))
        .map((field) => (
          <div key={field} className="contents">
            <dt className="font-semibold">{p(`${field}.label` as never)}</dt>
            <dd className="break-words">{shown(field) ?? t('notProvided')}</dd>
          </div>
        ))}
    </dl>
  );
}
