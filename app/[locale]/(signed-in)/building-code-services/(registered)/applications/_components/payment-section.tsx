import { getFormatter, getTranslations } from 'next-intl/server';
import { CAD_FORMAT } from '@/lib/applications/money';
import type { Locale } from '@/lib/i18n/routing';
import type { PaymentsView } from '@/lib/payments/load-payments';
import { receiptPath } from '@/lib/payments/receive-payment-event';
import { startPaymentAction } from '../actions';
import { InvoiceTable } from './invoice-table';

/** "Payer" for an invoice: a plain form posting the reference only (no amount, PAY-02). */
export async function PayButton({ reference, label }: { reference: string; label: string }) {
  return (
    <form action={startPaymentAction}>
      <input type="hidden" name="reference" value={reference} />
      <button type="submit" className="btn-primary">
        {label}
      </button>
    </form>
  );
}

/**
 * The application page's payment parts: the amount due, itemized, with "Payer" (or the notice
 * that a payment is under way), then every invoice with its receipt.
 */
export async function PaymentSection({
  payments,
  reference,
  locale,
}: {
  payments: PaymentsView;
  reference: string;
  locale: Locale;
}) {
  const t = await getTranslations('PaymentPages');
  const format = await getFormatter();
  const money = (cents: number) => format.number(cents / 100, CAD_FORMAT);
  const { due, openAttempt } = payments;
  const payable =
    due &&
    (due.kind === 'submission'
      ? payments.status === 'payment_required'
      : ['under_review', 'ready_for_issuance'].includes(payments.status));
  const settled = payments.invoices.filter((i) => i.status !== 'open');
  return (
    <>
      {payable ? (
        <section
          aria-labelledby="due-title"
          className="mb-8 rounded border-2 border-ottawa-navy p-5"
        >
          <h2 id="due-title" className="mb-3 text-2xl font-bold text-ottawa-navy">
            {t('invoice.title')}
          </h2>
          <InvoiceTable invoice={due} totalLabel={t('invoice.total')} />
          {openAttempt ? (
            <p className="mb-4 max-w-prose">
              {t('invoice.locked', { date: openAttempt.expiresAt })}
            </p>
          ) : (
            <p className="mb-4 max-w-prose">{t('invoice.hint')}</p>
          )}
          <PayButton
            reference={reference}
            label={openAttempt ? t('invoice.continue') : t('invoice.pay')}
          />
        </section>
      ) : null}
      {settled.length > 0 ? (
        <section aria-labelledby="invoices-title" className="mb-8">
          <h2 id="invoices-title" className="mb-3 text-2xl font-bold text-ottawa-navy">
            {t('invoices.title')}
          </h2>
          <ul className="max-w-2xl space-y-2">
            {settled.map((invoice) => (
              <li key={invoice.id}>
                {t(`invoices.${invoice.kind}`)} · {money(invoice.totalCents)} ·{' '}
                {invoice.paidAt
                  ? t('invoices.paidOn', { date: invoice.paidAt })
                  : t('invoices.void')}
                {invoice.status === 'paid' ? (
                  <>
                    {' · '}
                    <a href={receiptPath(locale, reference, invoice.id)}>{t('invoices.receipt')}</a>
                  </>
                ) : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}
