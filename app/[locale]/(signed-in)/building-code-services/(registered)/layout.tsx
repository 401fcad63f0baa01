import { getTranslations } from 'next-intl/server';
import type { ReactNode } from 'react';
import { pageLocale } from '@/lib/i18n/page-locale';
import { AppLink } from '@/app/_components/app-link';
import { requireRegistrationState } from '@/lib/registration/require-registration';

/**
 * The registered area of Building Code Services: the database says registration is complete, or
 * the person is sent to the step they are at (AUTHZ-01). Top menu: Accueil, Mon profil.
 */
export default async function RegisteredLayout({
  children,
  params,
}: {
  children: ReactNode;
  params: Promise<{ locale: string }>;
}) {
  const locale = await pageLocale(params);
  await requireRegistrationState(locale, ['registered']);
  const t = await getTranslations('BuildingNav');
  return (
    <>
      <div className="border-b border-neutral-300 bg-neutral-100">
        <div className="page-column flex flex-wrap items-center justify-between gap-3 py-2">
          <p className="font-semibold text-ottawa-navy">{t('area')}</p>
          <nav aria-label={t('label')}>
            <ul className="flex gap-5">
              <li>
                <AppLink href="/building-code-services" className="inline-block font-semibold">
                  {t('home')}
                </AppLink>
              </li>
              <li>
                <AppLink
                  href="/building-code-services/profile"
                  className="inline-block font-semibold"
                >
                  {t('profile')}
                </AppLink>
              </li>
            </ul>
          </nav>
        </div>
      </div>
      {children}
    </>
  );
}
