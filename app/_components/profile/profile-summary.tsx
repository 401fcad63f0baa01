import { getLocale, getTranslations } from 'next-intl/server';
import { localizedPath } from '@/lib/i18n/navigation';
import { isLocale } from '@/lib/i18n/routing';
import {
  PROFILE_FIELDS,
  storedProfile,
  type ProfileField,
} from '@/lib/registration/profile-schema';

const CHOICE_FIELDS = new Set(['title', 'communicationLanguage', 'province', 'country']);

/** Where a "Modifier" link brings the person back after saving. */
export type ProfileReturn = 'contact' | 'profile';

/**
 * The person's contact details as a summary list: label, value and, with `changeFrom`, a
 * "Modifier" link per row (its field's name visually hidden) to the one edit form, focused on
 * that field, which returns to `changeFrom` afterwards. `compact` shows only the main fields
 * that are filled in, without links ("Mes paramètres").
 */
export async function ProfileSummary({
  profile,
  compact = false,
  changeFrom,
}: {
  profile: Record<ProfileField, string | null>;
  compact?: boolean;
  changeFrom?: ProfileReturn;
}) {
  const p = await getTranslations('Profile');
  const t = await getTranslations('BuildingProfilePage');
  const requested = await getLocale();
  const locale = isLocale(requested) ? requested : 'fr';
  const fields = compact
    ? (['firstName', 'lastName', 'phone', 'address1', 'city'] as const)
    : PROFILE_FIELDS;
  const current = storedProfile(profile);
  const shown = (field: ProfileField) => {
    const value = current[field];
    if (!value) return null;
    return CHOICE_FIELDS.has(field) ? p(`${field}.options.${value}` as never) : value;
  };
  const editPath = localizedPath('/settings/contact-details/edit', locale);
  return (
    // Label beside value from 640 px; one under the other below, so that long labels (the
    // secondary phone extension's) never make a 320 px screen scroll sideways.
    <dl className="max-w-3xl">
      {fields
        .filter((field) => !compact || shown(field))
        .map((field) => {
          const label = p(`${field}.label` as never);
          return (
            <div
              key={field}
              className={
                changeFrom
                  ? 'flex flex-col gap-x-4 border-b border-neutral-300 py-2 sm:flex-row'
                  : 'flex flex-col gap-x-4 py-0.5 sm:flex-row'
              }
            >
              <dt className="font-semibold sm:w-1/3">{label}</dt>
              <dd className="break-words sm:flex-1">{shown(field) ?? t('notProvided')}</dd>
              {changeFrom ? (
                <dd className="sm:text-right">
                  <a href={`${editPath}?from=${changeFrom}#${field}`}>
                    {p('change')}
                    <span className="sr-only"> {label}</span>
                  </a>
                </dd>
              ) : null}
            </div>
          );
        })}
    </dl>
  );
}
