import type { Metadata } from 'next';
import { AppLink } from '@/app/_components/app-link';
import { getTranslations } from 'next-intl/server';
import { CreateAccountForm } from './create-account-form';
import { pageLocale } from '@/lib/i18n/page-locale';
import { formPageTitle } from '@/lib/forms/page-title';
import { ClientMessages } from '@/app/_components/client-messages';

type Props = { params: Promise<{ locale: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const locale = await pageLocale(params);
  const t = await getTranslations({ locale, namespace: 'CreateAccountPage' });
  return { title: await formPageTitle(locale, t('title')) };
}

export default async function CreateAccountPage({ params }: Props) {
  await pageLocale(params);
  const t = await getTranslations('CreateAccountPage');
  return (
    <main id="main" tabIndex={-1} className="page-column py-8">
      <ClientMessages namespaces={['CreateAccountPage', 'Terms', 'Fields']}>
        <CreateAccountForm />
      </ClientMessages>
      <p className="mt-8">
        {t.rich('haveAccount', { link: (chunks) => <AppLink href="/login">{chunks}</AppLink> })}
      </p>
    </main>
  );
}
