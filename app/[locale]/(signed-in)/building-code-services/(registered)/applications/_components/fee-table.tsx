import { CAD_FORMAT } from '@/lib/applications/money';
import { getFormatter, getTranslations } from 'next-intl/server';
import type { Fee } from '@/lib/applications/fees';

/** The itemized fee, computed on the server from the stored answers (never from a form). */
export async function FeeTable({ fee }: { fee: Fee | null }) {
  const t = await getTranslations('ApplicationPages.review');
  const lines = await getTranslations('Applications.feeLines');
  const format = await getFormatter();
  const money = (cents: number) => format.number(cents / 100, CAD_FORMAT);
  return (
    <section aria-labelledby="fee-title" className="mb-8 max-w-2xl">
      <h2 id="fee-title" className="mb-3 text-2xl font-bold text-ottawa-navy">
        {t('feeTitle')}
      </h2>
      {fee ? (
        <>
          <table className="mb-2 w-full border-collapse">
            <tbody>
              {fee.lines.map((line) => (
                <tr key={line.key} className="border-b border-neutral-300">
                  <th scope="row" className="py-2 pr-4 text-left font-normal">
                    {lines(line.key as never)}
                  </th>
                  <td className="py-2 text-right whitespace-nowrap">{money(line.amountCents)}</td>
                </tr>
              ))}
              <tr>
                <th scope="row" className="py-2 pr-4 text-left">
                  {t('feeTotal')}
                </th>
                <td className="py-2 text-right font-bold whitespace-nowrap">
                  {money(fee.totalCents)}
                </td>
              </tr>
            </tbody>
          </table>
          <p className="text-neutral-700">
            {t('feeSchedule', { date: new Date(`${fee.effectiveDate}T12:00:00Z`) })}
          </p>
        </>
      ) : (
        <p>{t('feeUnknown')}</p>
      )}
    </section>
  );
}
