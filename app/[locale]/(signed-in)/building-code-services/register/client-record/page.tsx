import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { pageLocale } from '@/lib/i18n/page-locale';
import { requireRegistrationState } from '@/lib/registration/require-registration';
import { skipClientRecordAction } from './actions';
import { PinForm } from './pin-form';
import { formPageTitle } from '@/lib/forms/page-title';
import { ClientMessages } from '@/app/_components/client-messages';

type Props = { params: Promise<{ locale: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const locale = await pageLocale(params);
  const t = await getTranslations({ locale, namespace: 'ClientRecordPage' });
  return { title: await formPageTitle(locale, t('title')) };
}

/** Step 2: link a previous client record with the mailed PIN, or not. */
export default async function ClientRecordPage({ params }: Props) {
  const locale = await pageLocale(params);
  await requireRegistrationState(locale, ['needs_client_record']);
  const t = await getTranslations('ClientRecordPage');
  return (
    <main id="main" tabIndex={-1} className="page-column py-8">
      <p role="status" className="mb-6 border-l-4 border-ottawa-green bg-green-50 p-3">
        {t('almostDone')}
      </p>
      <h1 className="page-title">{t('title')}</h1>
      <p className="mb-8 max-w-prose">{t('intro')}</p>
      <div className="grid gap-8 md:grid-cols-2">
        <section aria-labelledby="link-title" className="rounded border-2 border-neutral-300 p-5">
          <h2 id="link-title" className="mb-2 text-xl font-bold text-ottawa-navy">
            {t('linkTitle')}
          </h2>
          <p className="mb-4">{t('linkText')}</p>
          <ClientMessages namespaces={['ClientRecordPage', 'Pin']}>
            <PinForm pageTitle={t('title')} />
          </ClientMessages>
        </section>
        <section aria-labelledby="skip-title" className="rounded border-2 border-neutral-300 p-5">
          <h2 id="skip-title" className="mb-2 text-xl font-bold text-ottawa-navy">
            {t('skipTitle')}
          </h2>
          <p className="mb-4">{t('skipText')}</p>
          <form action={skipClientRecordAction}>
            <button type="submit" className="btn-secondary">
              {t('skipSubmit')}
            </button>
          </form>
        </section>
      </div>
    </main>
  );
}
