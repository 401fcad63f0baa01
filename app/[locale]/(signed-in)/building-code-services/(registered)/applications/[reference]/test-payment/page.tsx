import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { getFormatter, getTranslations } from 'next-intl/server';
import { CAD_FORMAT } from '@/lib/applications/money';
import { getDb } from '@/lib/db/client';
import { localizedDynamicPath } from '@/lib/i18n/navigation';
import { pageLocale } from '@/lib/i18n/page-locale';
import { loadAttempt } from '@/lib/payments/load-payments';
import { paymentProvider } from '@/lib/payments/runtime';
import { requireRegistrationState } from '@/lib/registration/require-registration';
import { testPaymentAction } from '../../actions';

type Props = {
  params: Promise<{ locale: string; reference: string }>;
  searchParams: Promise<{ session?: string }>;
};

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const locale = await pageLocale(params);
  const t = await getTranslations({ locale, namespace: 'PaymentPages.test' });
  return { title: t('title') };
}

/**
 * The test provider's "hosted page" (PAYMENT_PROVIDER=test): says plainly that it is a test; its
 * buttons send a signed notification to the webhook route, as a real provider does. Only for the
 * owner's open test attempt; anything else goes back to the application.
 */
export default async function TestPaymentPage({ params, searchParams }: Props) {
  const locale = await pageLocale(params);
  const { user } = await requireRegistrationState(locale, ['registered']);
  const { reference } = await params;
  const { session = '' } = await searchParams;
  const applicationPath = localizedDynamicPath(
    '/building-code-services/applications/[reference]',
    locale,
    { reference },
  );
  if (paymentProvider().name !== 'test') redirect(applicationPath);
  const attempt = await loadAttempt(await getDb(), user.id, reference, {
    provider: 'test',
    checkoutReference: session,
  });
  if (!attempt || attempt.status !== 'open') redirect(applicationPath);
  const t = await getTranslations('PaymentPages.test');
  const format = await getFormatter();
  const button = (outcome: 'pay' | 'refuse' | 'cancel', className: string) => (
    <button type="submit" name="outcome" value={outcome} className={className}>
      {t(outcome)}
    </button>
  );
  return (
    <main id="main" tabIndex={-1} className="page-column py-8">
      <h1 className="page-title">{t('title')}</h1>
      <p className="mb-6 max-w-prose border-l-4 border-error bg-red-50 p-3 font-semibold">
        {t('warning')}
      </p>
      <p className="mb-6 text-xl">
        {t('amount', { amount: format.number(attempt.amountCents / 100, CAD_FORMAT) })}
      </p>
      <form action={testPaymentAction} className="flex flex-wrap items-center gap-4">
        <input type="hidden" name="reference" value={reference} />
        <input type="hidden" name="session" value={session} />
        {button('pay', 'btn-primary')}
        {button('refuse', 'btn-secondary')}
        {button('cancel', 'btn-secondary')}
      </form>
    </main>
  );
}
