import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { AppLink } from '@/app/_components/app-link';
import { ClientMessages } from '@/app/_components/client-messages';
import { runtimeDeps } from '@/lib/deps';
import { formPageTitle } from '@/lib/forms/page-title';
import { pageLocale } from '@/lib/i18n/page-locale';
import { listStaffMembers } from '@/lib/staff/list-staff-members';
import { ADMIN_ONLY, STAFF_ROLES } from '@/lib/staff/roles';
import { requireStaff } from '@/lib/staff/require-staff';
import { StaffNotFound } from '../staff-not-found';
import { TeamScreen } from './create-form';

type Props = { params: Promise<{ locale: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const locale = await pageLocale(params);
  const t = await getTranslations({ locale, namespace: 'StaffTeamPage' });
  return { title: await formPageTitle(locale, t('title')) };
}

/** "Équipe" (administrators only): the staff list, and a form to add a member. */
export default async function StaffTeamPage({ params }: Props) {
  const locale = await pageLocale(params);
  const staff = await requireStaff(locale, ADMIN_ONLY);
  if (staff === 'forbidden') return <StaffNotFound />;
  const members = await listStaffMembers((await runtimeDeps()).db);
  const t = await getTranslations('StaffTeamPage');
  const roles = await getTranslations('StaffRoles');
  return (
    <main id="main" tabIndex={-1} className="page-column py-8">
      <ClientMessages namespaces={['StaffTeamPage', 'Fields']}>
        <TeamScreen roles={STAFF_ROLES.map((r) => ({ value: r, label: roles(r) }))}>
          <div className="mb-10 overflow-x-auto">
            <table className="w-full border-collapse text-left">
              <caption className="mb-2 text-left text-neutral-700">{t('listCaption')}</caption>
              <thead>
                <tr className="border-b-2 border-neutral-400">
                  <th scope="col" className="py-2 pr-4">
                    {t('columns.name')}
                  </th>
                  <th scope="col" className="py-2 pr-4">
                    {t('columns.email')}
                  </th>
                  <th scope="col" className="py-2 pr-4">
                    {t('columns.role')}
                  </th>
                  <th scope="col" className="py-2">
                    {t('columns.state')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {members.map((m) => (
                  <tr key={m.id} className="border-b border-neutral-300 align-top">
                    <th scope="row" className="py-2 pr-4 font-normal">
                      <AppLink href="/staff/team/[staffId]" params={{ staffId: m.id }}>
                        {m.name}
                      </AppLink>
                    </th>
                    <td className="py-2 pr-4">{m.email}</td>
                    <td className="py-2 pr-4">{roles(m.role)}</td>
                    <td className="py-2">{t(`states.${m.state}`)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </TeamScreen>
      </ClientMessages>
    </main>
  );
}
