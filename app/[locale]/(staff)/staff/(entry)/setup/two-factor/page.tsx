import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import QRCode from 'qrcode';
import { ClientMessages } from '@/app/_components/client-messages';
import { runtimeDeps } from '@/lib/deps';
import { formPageTitle } from '@/lib/forms/page-title';
import { redirect } from '@/lib/i18n/navigation';
import { pageLocale } from '@/lib/i18n/page-locale';
import { getCurrentStaff } from '@/lib/staff/require-staff';
import { staffEnrolmentSecret } from '@/lib/staff/set-up-staff-account';
import { TwoFactorForm } from './two-factor-form';

type Props = { params: Promise<{ locale: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const locale = await pageLocale(params);
  const t = await getTranslations({ locale, namespace: 'StaffTwoFactorPage' });
  return { title: await formPageTitle(locale, t('title')) };
}

/**
 * The second factor's enrolment (STF-01), reached only with the session the set-up link opened:
 * the TOTP secret as a QR code (SVG, rendered here on the server) and as text.
 */
export default async function StaffTwoFactorPage({ params }: Props) {
  const locale = await pageLocale(params);
  const staff = await getCurrentStaff();
  if (!staff) return redirect({ href: '/staff/login', locale });
  // A full session: the first code was just confirmed (this render may be the answer to that POST,
  // without JavaScript, which carries the recovery codes), or the page was opened again.
  const enrolment =
    staff.stage === 'enrolment' ? await staffEnrolmentSecret(await runtimeDeps(), staff) : null;
  if (staff.stage === 'enrolment' && !enrolment) return redirect({ href: '/staff/login', locale });
  const qrSvg = enrolment ? await QRCode.toString(enrolment.uri, { type: 'svg', margin: 0 }) : null;
  return (
    <main id="main" tabIndex={-1} className="page-column py-8">
      <ClientMessages namespaces={['StaffTwoFactorPage']}>
        <TwoFactorForm
          enrolment={enrolment && qrSvg ? { secret: enrolment.secret, qrSvg } : null}
        />
      </ClientMessages>
    </main>
  );
}
