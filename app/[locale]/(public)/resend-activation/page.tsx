import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { EmailRequestForm } from '@/app/_components/form/email-request-form';
import { resendActivationAction } from './actions';
import { pageLocale } from '@/lib/i18n/page-locale';
import { formPageTitle } from '@/lib/forms/page-title';
import { ClientMessages } from '@/app/_components/client-messages';

type Props = { params: Promise<{ locale: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const locale = await pageLocale(params);
  const t = await getTranslations({ locale, namespace: 'ResendActivationPage' });
  return { title: await formPageTitle(locale, t('title')) };
}

export default async function ResendActivationPage({ params }: Props) {
  await pageLocale(params);
  const t = await getTranslations('ResendActivationPage');
  return (
    <main id="main" tabIndex={-1} className="page-column py-8">
      <ClientMessages namespaces={['Fields']}>
        <EmailRequestForm
          action={resendActivationAction}
          texts={{ title: t('title'), intro: t('intro'), email: t('email'), submit: t('submit') }}
        />
      </ClientMessages>
    </main>
  );
}
