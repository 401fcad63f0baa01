import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { getDb } from '@/lib/db/client';
import { localizedDynamicPath, localizedPath } from '@/lib/i18n/navigation';
import { pageLocale } from '@/lib/i18n/page-locale';
import { loadAttempt, loadPayments } from '@/lib/payments/load-payments';
import { receiptPath } from '@/lib/payments/receive-payment-event';
import { requireRegistrationState } from '@/lib/registration/require-registration';
import { PayButton } from '../../_components/payment-section';

type Props = {
  params: Promise<{ locale: string; reference: string }>;
  searchParams: Promise<{ attempt?: string; result?: string }>;
};

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const locale = await pageLocale(params);
  const t = await getTranslations({ locale, namespace: 'PaymentPages.return' });
  return { title: t('title') };
}

type Outcome = 'paid' | 'pending' | 'failed' | 'cancelled' | 'expired' | 'providerError';

/**
 * Where the provider sends the resident back. It only reads what the webhook recorded (PAY-02):
 * paid, still being confirmed (the browser came back before the webhook), or refused, cancelled
 * or expired with "Payer" again. The middleware has already answered 404 for a reference that is
 * not the resident's; an attempt id that is not this application's leads back to its page.
 */
export default async function PaymentReturnPage({ params, searchParams }: Props) {
  const locale = await pageLocale(params);
  const { user } = await requireRegistrationState(locale, ['registered']);
  const { reference } = await params;
  const query = await searchParams;
  const db = await getDb();
  const applicationPath = localizedDynamicPath(
    '/building-code-services/applications/[reference]',
    locale,
    { reference },
  );
  const payments = await loadPayments(db, user.id, reference, new Date());
  if (!payments) redirect(localizedPath('/building-code-services', locale));
  const attempt = query.attempt
    ? await loadAttempt(db, user.id, reference, { id: query.attempt })
    : null;
  let outcome: Outcome;
  if (!attempt) {
    if (query.result !== 'unavailable') redirect(applicationPath);
    outcome = 'providerError';
  } else if (attempt.status === 'paid') outcome = 'paid';
  else if (attempt.status === 'open')
    outcome = query.result === 'cancelled' ? 'cancelled' : 'pending';
  else outcome = attempt.status;
  const t = await getTranslations('PaymentPages.return');
  const self = `${localizedDynamicPath('/building-code-services/applications/[reference]/payment', locale, { reference })}?attempt=${attempt?.id ?? ''}`;
  const payAgain = outcome !== 'paid' && outcome !== 'pending' && payments.due !== null;
  return (
    <main id="main" tabIndex={-1} className="page-column py-8">
      <h1 className="page-title">{t('title')}</h1>
      <p
        role="status"
        className={`mb-6 max-w-prose border-l-4 p-3 ${
          outcome === 'paid'
            ? 'border-ottawa-green bg-green-50'
            : outcome === 'pending'
              ? 'border-ottawa-navy bg-neutral-100'
              : 'border-error bg-red-50'
        }`}
      >
        {t(outcome)}
      </p>
      {outcome === 'paid' && attempt ? (
        <p className="mb-4">
          <a className="btn-primary" href={receiptPath(locale, reference, attempt.invoiceId)}>
            {t('viewReceipt')}
          </a>
        </p>
      ) : null}
      {outcome === 'pending' ? (
        <p className="mb-4">
          <a className="btn-secondary" href={self}>
            {t('refresh')}
          </a>
        </p>
      ) : null}
      {payAgain ? (
        <div className="mb-4">
          <PayButton
            reference={reference}
            label={(await getTranslations('PaymentPages.invoice'))('pay')}
          />
        </div>
      ) : null}
      <p>
        <a href={applicationPath}>{t('back')}</a>
      </p>
    </main>
  );
}
