import { getFormatter, getTranslations } from 'next-intl/server';
import { CAD_FORMAT } from '@/lib/applications/money';
import type { InvoiceView } from '@/lib/payments/invoices';

/** An invoice's lines and total, as stored (never recomputed): the due amount, or a receipt. */
export async function InvoiceTable({
  invoice,
  totalLabel,
}: {
  invoice: InvoiceView;
  totalLabel: string;
}) {
  const lines = await getTranslations('Applications.feeLines');
  const format = await getFormatter();
  const money = (cents: number) => format.number(cents / 100, CAD_FORMAT);
  return (
    <table className="mb-4 w-full max-w-2xl border-collapse">
      <tbody>
        {invoice.lines.map((line, i) => (
          <tr key={i} className="border-b border-neutral-300">
            <th scope="row" className="py-2 pr-4 text-left font-normal">
              {lines.has(line.labelKey as never)
                ? lines(line.labelKey as never, (line.labelParams ?? undefined) as never)
                : line.labelKey}
            </th>
            <td className="py-2 text-right whitespace-nowrap">{money(line.amountCents)}</td>
          </tr>
        ))}
        <tr>
          <th scope="row" className="py-2 pr-4 text-left">
            {totalLabel}
          </th>
          <td className="py-2 text-right font-bold whitespace-nowrap">
            {money(invoice.totalCents)}
          </td>
        </tr>
      </tbody>
    </table>
  );
}
