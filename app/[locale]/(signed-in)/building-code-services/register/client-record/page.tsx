import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { pageLocale } from '@/lib/i18n/page-locale';
import { requireRegistrationState } from '@/lib/registration/require-registration';
import { fewTriesLeft } from '@/lib/clients/pin-rules';
import { pinTriesLeft } from '@/lib/clients/record-hint';
import { getDb } from '@/lib/db/client';
import { skipClientRecordAction } from './actions';
import { PinForm, PinFormScope } from './pin-form';
import { formPageTitle } from '@/lib/forms/page-title';
import { ClientMessages } from '@/app/_components/client-messages';

type Props = { params: Promise<{ locale: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const locale = await pageLocale(params);
  const t = await getTranslations({ locale, namespace: 'ClientRecordPage' });
  return { title: await formPageTitle(locale, t('title')) };
}

/**
 * Step 2: link a previous client record with the mailed PIN, or not. The guide's page, both ways
 * forward side by side, introduced by the question they answer; the error summary opens `main`;
 * what to do without the notice; the tries left before linking locks, when few remain.
 */
export default async function ClientRecordPage({ params }: Props) {
  const locale = await pageLocale(params);
  const { user } = await requireRegistrationState(locale, ['needs_client_record']);
  const t = await getTranslations('ClientRecordPage');
  const triesLeft = fewTriesLeft(await pinTriesLeft(await getDb(), user.id));
  return (
    <main id="main" tabIndex={-1} className="page-column py-8">
      <ClientMessages namespaces={['ClientRecordPage', 'Pin']}>
        <PinFormScope pageTitle={t('title')}>
          <p role="status" className="mb-6 border-l-4 border-ottawa-green bg-green-50 p-3">
            {t('almostDone')}
          </p>
          <h1 className="page-title">{t('title')}</h1>
          <p className="mb-6 max-w-prose">{t('intro')}</p>
          <h2 className="mb-4 text-2xl font-bold text-ottawa-navy">{t('question')}</h2>
          <div className="grid gap-8 md:grid-cols-2">
            <section
              aria-labelledby="link-title"
              className="rounded border-2 border-neutral-300 p-5"
            >
              <p className="mb-1 font-semibold">{t('ifYes')}</p>
              <h3 id="link-title" className="mb-2 text-xl font-bold text-ottawa-navy">
                {t('linkTitle')}
              </h3>
              <p className="mb-4">{t('linkText')}</p>
              <PinForm pageTitle={t('title')} triesLeft={triesLeft} />
            </section>
            <section
              aria-labelledby="skip-title"
              className="rounded border-2 border-neutral-300 p-5"
            >
              <p className="mb-1 font-semibold">{t('ifNo')}</p>
              <h3 id="skip-title" className="mb-2 text-xl font-bold text-ottawa-navy">
                {t('skipTitle')}
              </h3>
              <p className="mb-4">{t('skipText')}</p>
              <form action={skipClientRecordAction}>
                <button type="submit" className="btn-secondary">
                  {t('skipSubmit')}
                </button>
              </form>
            </section>
          </div>
          <section aria-labelledby="lost-title" className="mt-8 max-w-prose">
            <h2 id="lost-title" className="mb-2 text-xl font-bold text-ottawa-navy">
              {t('lostTitle')}
            </h2>
            <p>{t('lostText')}</p>
          </section>
        </PinFormScope>
      </ClientMessages>
    </main>
  );
}
