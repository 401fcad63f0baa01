import type { Metadata } from 'next';
import { getFormatter, getTranslations } from 'next-intl/server';
import { AppLink } from '@/app/_components/app-link';
import { ClientMessages } from '@/app/_components/client-messages';
import { runtimeDeps } from '@/lib/deps';
import { pageLocale } from '@/lib/i18n/page-locale';
import { listStaffAudit, STAFF_AUDIT_ACTIONS } from '@/lib/staff/audit';
import { findStaffMember } from '@/lib/staff/list-staff-members';
import { ADMIN_ONLY } from '@/lib/staff/roles';
import { requireStaff } from '@/lib/staff/require-staff';
import { StaffNotFound } from '../../staff-not-found';
import { MemberActions } from './member-actions';

type Props = { params: Promise<{ locale: string; staffId: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const locale = await pageLocale(params);
  const t = await getTranslations({ locale, namespace: 'StaffTeamPage' });
  return { title: t('title') };
}

const KNOWN_ACTIONS: ReadonlySet<string> = new Set(STAFF_AUDIT_ACTIONS);

/** One staff member (administrators only): the account, disable, re-enrol, the audit trail. */
export default async function StaffMemberPage({ params }: Props) {
  const locale = await pageLocale(params);
  const staff = await requireStaff(locale, ADMIN_ONLY);
  if (staff === 'forbidden') return <StaffNotFound />;
  const { staffId } = await params;
  const { db } = await runtimeDeps();
  const member = await findStaffMember(db, staffId);
  if (!member) return <StaffNotFound />;
  const audit = await listStaffAudit(db, member.id);
  const t = await getTranslations('StaffMemberPage');
  const team = await getTranslations('StaffTeamPage');
  const roles = await getTranslations('StaffRoles');
  const format = await getFormatter();
  return (
    <main id="main" tabIndex={-1} className="page-column py-8">
      <p className="mb-4">
        <AppLink href="/staff/team">{t('back')}</AppLink>
      </p>
      <h1 className="page-title">{member.name}</h1>
      <dl className="mb-8 grid max-w-xl grid-cols-[auto_1fr] gap-x-6 gap-y-2">
        <dt className="font-bold">{team('columns.email')}</dt>
        <dd>{member.email}</dd>
        <dt className="font-bold">{team('columns.role')}</dt>
        <dd>{roles(member.role)}</dd>
        <dt className="font-bold">{team('columns.state')}</dt>
        <dd>{team(`states.${member.state}`)}</dd>
      </dl>
      {member.id !== staff.id ? (
        <section aria-label={t('details')} className="mb-10">
          <ClientMessages namespaces={['StaffMemberPage']}>
            <MemberActions staffId={member.id} disabled={member.state === 'disabled'} />
          </ClientMessages>
        </section>
      ) : null}
      <section aria-labelledby="audit-title">
        <h2 id="audit-title" className="mb-4 text-2xl font-bold text-ottawa-navy">
          {t('auditTitle')}
        </h2>
        {audit.length === 0 ? (
          <p>{t('auditEmpty')}</p>
        ) : (
          <div className="overflow-x-auto">
            <table className="w-full border-collapse text-left">
              <caption className="mb-2 text-left text-neutral-700">{t('auditCaption')}</caption>
              <thead>
                <tr className="border-b-2 border-neutral-400">
                  <th scope="col" className="py-2 pr-4">
                    {t('auditColumns.when')}
                  </th>
                  <th scope="col" className="py-2 pr-4">
                    {t('auditColumns.action')}
                  </th>
                  <th scope="col" className="py-2 pr-4">
                    {t('auditColumns.actor')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {audit.map((row) => (
                  <tr key={row.seq} className="border-b border-neutral-300 align-top">
                    <td className="py-2 pr-4 whitespace-nowrap">
                      {format.dateTime(row.occurredAt, {
                        dateStyle: 'medium',
                        timeStyle: 'medium',
                      })}
                    </td>
                    <td className="py-2 pr-4">
                      {KNOWN_ACTIONS.has(row.action)
                        ? t(`actions.${row.action as (typeof STAFF_AUDIT_ACTIONS)[number]}`)
                        : row.action}
                    </td>
                    <td className="py-2">
                      {row.actorName ?? (row.action.startsWith('staff_') ? t('commandLine') : '')}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </main>
  );
}
