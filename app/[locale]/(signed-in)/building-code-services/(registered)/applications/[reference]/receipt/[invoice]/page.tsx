import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { getFormatter, getTranslations } from 'next-intl/server';
import { getDb } from '@/lib/db/client';
import { localizedDynamicPath, localizedPath } from '@/lib/i18n/navigation';
import { pageLocale } from '@/lib/i18n/page-locale';
import { loadPayments } from '@/lib/payments/load-payments';
import { requireRegistrationState } from '@/lib/registration/require-registration';
import { InvoiceTable } from '../../../_components/invoice-table';

type Props = { params: Promise<{ locale: string; reference: string; invoice: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const locale = await pageLocale(params);
  const t = await getTranslations({ locale, namespace: 'PaymentPages.receipt' });
  return { title: t('title') };
}

/** "Reçu" / "Receipt": a paid invoice of the resident's application, as stored. */
export default async function ReceiptPage({ params }: Props) {
  const locale = await pageLocale(params);
  const { user } = await requireRegistrationState(locale, ['registered']);
  const { reference, invoice: invoiceId } = await params;
  const payments = await loadPayments(await getDb(), user.id, reference, new Date());
  if (!payments) redirect(localizedPath('/building-code-services', locale));
  const invoice = payments.invoices.find((i) => i.id === invoiceId && i.status === 'paid');
  const applicationPath = localizedDynamicPath(
    '/building-code-services/applications/[reference]',
    locale,
    { reference },
  );
  if (!invoice?.payment) redirect(applicationPath);
  const t = await getTranslations('PaymentPages.receipt');
  const back = await getTranslations('PaymentPages.return');
  const format = await getFormatter();
  return (
    <main id="main" tabIndex={-1} className="page-column py-8">
      <h1 className="page-title">{t('title')}</h1>
      <dl className="mb-6 grid max-w-2xl grid-cols-1 gap-x-6 gap-y-1 sm:grid-cols-[max-content_1fr]">
        <dt className="font-semibold">{t('reference')}</dt>
        <dd>{reference}</dd>
        <dt className="font-semibold">{t('date')}</dt>
        <dd>
          {format.dateTime(invoice.payment.paidAt, { dateStyle: 'long', timeStyle: 'short' })}
        </dd>
        <dt className="font-semibold">{t('providerReference')}</dt>
        <dd className="break-all">{invoice.payment.providerReference}</dd>
      </dl>
      <InvoiceTable invoice={invoice} totalLabel={t('total')} />
      <p className="mb-6">{t('print')}</p>
      <p>
        <a href={applicationPath}>{back('back')}</a>
      </p>
    </main>
  );
}
