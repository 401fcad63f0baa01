import type { Metadata } from 'next';
import { getFormatter, getTranslations } from 'next-intl/server';
import { AppLink } from '@/app/_components/app-link';
import { ClientMessages } from '@/app/_components/client-messages';
import { runtimeDeps } from '@/lib/deps';
import { pageLocale } from '@/lib/i18n/page-locale';
import { ADMIN_ONLY } from '@/lib/staff/roles';
import { requireStaff } from '@/lib/staff/require-staff';
import { residentAccount } from '@/lib/staff/support';
import type { ResidentDone } from '../../actions';
import { StaffNotFound } from '../../../staff-not-found';
import { ResidentActions } from './resident-actions';

type Props = {
  params: Promise<{ locale: string; userId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const locale = await pageLocale(params);
  const t = await getTranslations({ locale, namespace: 'StaffResidentPage' });
  return { title: t('title') };
}

const DONE: readonly ResidentDone[] = [
  'activationResent',
  'alreadyActive',
  'passwordChangeRequired',
  'pinLinkUnlocked',
  'pinLinkNotLocked',
];

/**
 * A resident's account as support sees it (administrators only): its state — never its password
 * hash, tokens or links — and the operators' actions on it.
 */
export default async function StaffResidentPage({ params, searchParams }: Props) {
  const locale = await pageLocale(params);
  const staff = await requireStaff(locale, ADMIN_ONLY);
  if (staff === 'forbidden') return <StaffNotFound />;
  const { userId } = await params;
  const account = await residentAccount(await runtimeDeps(), userId);
  if (!account) return <StaffNotFound />;
  const query = await searchParams;
  const done = DONE.find((d) => d === query.done);
  const t = await getTranslations('StaffResidentPage');
  const format = await getFormatter();
  const when = (date: Date) => format.dateTime(date, { dateStyle: 'long', timeStyle: 'short' });
  const signIn =
    account.signIn === 'locked' && account.signInLockedUntil
      ? t('signIn.locked', { until: when(account.signInLockedUntil) })
      : t(`signIn.${account.signIn}`);
  return (
    <main id="main" tabIndex={-1} className="page-column py-8">
      <p className="mb-4">
        <AppLink href="/staff/support">{t('back')}</AppLink>
      </p>
      <h1 className="page-title">{t('title')}</h1>
      {done ? (
        <p role="status" className="mb-6 border-l-4 border-ottawa-green bg-green-50 p-3">
          {t(`done.${done}`)}
        </p>
      ) : null}
      <dl className="mb-8 grid max-w-2xl grid-cols-[auto_1fr] gap-x-6 gap-y-2">
        <dt className="font-bold">{t('email')}</dt>
        <dd className="break-all">{account.email}</dd>
        <dt className="font-bold">{t('status')}</dt>
        <dd>{t(`statuses.${account.status}`)}</dd>
        <dt className="font-bold">{t('signIn.label')}</dt>
        <dd>{signIn}</dd>
        <dt className="font-bold">{t('passwordChange')}</dt>
        <dd>{account.passwordChangeRequired ? t('yes') : t('no')}</dd>
        <dt className="font-bold">{t('registered')}</dt>
        <dd>{account.registeredForBuildingCodeServices ? t('yes') : t('no')}</dd>
        <dt className="font-bold">{t('clientRecord')}</dt>
        <dd>
          {account.clientRecord
            ? t('clientRecordLinked', { clientNumber: account.clientRecord.clientNumber })
            : t('clientRecordNone')}
        </dd>
        <dt className="font-bold">{t('pinLink')}</dt>
        <dd>{account.pinLinkLocked ? t('pinLinkLocked') : t('pinLinkOpen')}</dd>
        <dt className="font-bold">{t('language')}</dt>
        <dd>{t(`languages.${account.locale}`)}</dd>
        <dt className="font-bold">{t('createdAt')}</dt>
        <dd>{when(account.createdAt)}</dd>
        <dt className="font-bold">{t('lastSignIn')}</dt>
        <dd>{account.lastSignInAt ? when(account.lastSignInAt) : t('never')}</dd>
      </dl>
      <section aria-labelledby="actions-title">
        <h2 id="actions-title" className="mb-4 text-2xl font-bold text-ottawa-navy">
          {t('actionsTitle')}
        </h2>
        <ClientMessages namespaces={['StaffResidentPage']}>
          <ResidentActions
            userId={account.id}
            pending={account.status === 'pending'}
            passwordChangeRequired={account.passwordChangeRequired}
            pinLinkLocked={account.pinLinkLocked}
          />
        </ClientMessages>
      </section>
    </main>
  );
}
