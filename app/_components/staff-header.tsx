import { getTranslations } from 'next-intl/server';
import { Suspense } from 'react';
import { staffLogoutAction } from '@/app/[locale]/(staff)/staff/logout-action';
import { AppLink } from '@/app/_components/app-link';
import { Wordmark } from '@/app/_components/icons';
import { INSPECTORS } from '@/lib/staff/roles';
import type { StaffSessionUser } from '@/lib/staff/staff-session';
import { LanguageToggle } from './language-toggle';

/**
 * The staff area's header: the City's wordmark and "Personnel de la Ville"; once signed in, the
 * staff menu (the inspections for inspectors and administrators, the team and support screens for
 * administrators only), who is signed in and "Déconnexion".
 */
export async function StaffHeader({ staff }: { staff?: StaffSessionUser }) {
  const t = await getTranslations('StaffLayout');
  const tl = await getTranslations('Layout');
  const navLink = 'inline-block text-white no-underline hover:underline';
  return (
    <header className="bg-ottawa-navy text-white">
      <div className="page-column flex flex-wrap items-center justify-between gap-4 py-3">
        <div className="flex flex-wrap items-center gap-x-4 gap-y-2">
          <Wordmark label={tl('wordmark')} word={tl('wordmarkWord')} />
          <AppLink
            href={staff ? '/staff/applications' : '/staff/login'}
            className="inline-block border-l-2 border-white/50 pl-4 text-xl font-bold text-white no-underline"
          >
            {t('areaName')}
          </AppLink>
        </div>
        <nav aria-label={t('nav')}>
          <ul className="flex flex-wrap items-center gap-5">
            {staff ? (
              <>
                <li>
                  <AppLink href="/staff/applications" className={navLink}>
                    {t('queue')}
                  </AppLink>
                </li>
                {INSPECTORS.includes(staff.role) ? (
                  <li>
                    <AppLink href="/staff/inspections" className={navLink}>
                      {t('inspections')}
                    </AppLink>
                  </li>
                ) : null}
                {staff.role === 'admin' ? (
                  <>
                    <li>
                      <AppLink href="/staff/team" className={navLink}>
                        {t('team')}
                      </AppLink>
                    </li>
                    <li>
                      <AppLink href="/staff/support" className={navLink}>
                        {t('support')}
                      </AppLink>
                    </li>
                  </>
                ) : null}
                <li>{t('signedInAs', { name: staff.name })}</li>
                <li>
                  <form action={staffLogoutAction}>
                    <button type="submit" className={`${navLink} cursor-pointer`}>
                      {t('logout')}
                    </button>
                  </form>
                </li>
              </>
            ) : null}
            <li>
              <Suspense fallback={null}>
                <LanguageToggle />
              </Suspense>
            </li>
          </ul>
        </nav>
      </div>
    </header>
  );
}
