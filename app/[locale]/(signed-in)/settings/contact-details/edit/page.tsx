import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { ClientMessages } from '@/app/_components/client-messages';
import { getContactDetails } from '@/lib/accounts/contact-details';
import { requireUser } from '@/lib/auth/session';
import { getDb } from '@/lib/db/client';
import { formPageTitle } from '@/lib/forms/page-title';
import { pageLocale } from '@/lib/i18n/page-locale';
import { profileFormValues, withProvinceDefault } from '@/lib/registration/profile-schema';
import { ContactDetailsForm } from './contact-form';
import { returnOf } from './return-to';

type Props = {
  params: Promise<{ locale: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const locale = await pageLocale(params);
  const t = await getTranslations({ locale, namespace: 'SettingsContactEditPage' });
  return { title: await formPageTitle(locale, t('title')) };
}

/**
 * Change (or add) the contact details: the registration profile's 15 fields, pre-filled with the
 * current ones; `?from=profile` when it was opened from "Mon profil", where it goes back.
 */
export default async function EditContactDetailsPage({ params, searchParams }: Props) {
  const locale = await pageLocale(params);
  const user = await requireUser(locale);
  const from = returnOf((await searchParams).from);
  const saved = await getContactDetails(await getDb(), user.id);
  const initialValues = withProvinceDefault(
    saved ? profileFormValues(saved) : { communicationLanguage: user.locale },
  );
  return (
    <main id="main" tabIndex={-1} className="page-column py-8">
      <ClientMessages namespaces={['SettingsContactEditPage', 'Profile']}>
        <ContactDetailsForm initialValues={initialValues} from={from} />
      </ClientMessages>
    </main>
  );
}
