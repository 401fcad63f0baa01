import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { pageLocale } from '@/lib/i18n/page-locale';
import { getContactDetails } from '@/lib/accounts/contact-details';
import { getDb } from '@/lib/db/client';
import { profileFormValues, withProvinceDefault } from '@/lib/registration/profile-schema';
import { requireRegistrationState } from '@/lib/registration/require-registration';
import { ConsentForm } from './consent-form';
import type { ConsentField } from './actions';
import { formPageTitle } from '@/lib/forms/page-title';
import { ClientMessages } from '@/app/_components/client-messages';

type Props = { params: Promise<{ locale: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const locale = await pageLocale(params);
  const t = await getTranslations({ locale, namespace: 'RegisterPage' });
  return { title: await formPageTitle(locale, t('title')) };
}

/**
 * Step 1 of the registration: consent and profile. Pre-filled with the person's contact details
 * (the ones "Mes coordonnées" shows), as the guide says; the communication language defaults to
 * the page's, the province to Ontario in Canada. "J'accepte" saves them as the contact details.
 */
export default async function RegisterPage({ params }: Props) {
  const locale = await pageLocale(params);
  const { user, registration } = await requireRegistrationState(locale, ['needs_consent']);
  const saved = await getContactDetails(await getDb(), user.id);
  const initialValues: Partial<Record<ConsentField, string>> = withProvinceDefault(
    saved ? profileFormValues(saved) : { communicationLanguage: locale },
  );
  return (
    <main id="main" tabIndex={-1} className="page-column py-8">
      <ClientMessages namespaces={['RegisterPage', 'Profile']}>
        <ConsentForm initialValues={initialValues} reconsent={Boolean(registration)} />
      </ClientMessages>
    </main>
  );
}
