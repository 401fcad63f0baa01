import { getTranslations } from 'next-intl/server';
import { Suspense } from 'react';
import { logoutAction } from '@/app/[locale]/(signed-in)/logout-action';
import { AppLink } from '@/app/_components/app-link';
import { LanguageToggle } from './language-toggle';

/** The portal header: signed-out pages offer Aide and Connexion, signed-in ones the account menu. */
export async function SiteHeader({ variant }: { variant: 'public' | 'signed-in' }) {
  const t = await getTranslations('Layout');
  // inline-block: a whole line high (24 px), the minimum target size of WCAG 2.5.8.
  const navLink = 'inline-block text-white no-underline hover:underline';
  return (
    <header className="bg-ottawa-navy text-white">
      <div className="mx-auto flex max-w-5xl flex-wrap items-center justify-between gap-4 px-4 py-3">
        <AppLink
          href={variant === 'signed-in' ? '/dashboard' : '/'}
          className="inline-block text-xl font-bold text-white no-underline"
          aria-label={t('home')}
        >
          {t('siteName')}
        </AppLink>
        <nav aria-label={t('mainNav')}>
          <ul className="flex flex-wrap items-center gap-5">
            {variant === 'signed-in' ? (
              <li>
                <AppLink href="/settings" className={navLink}>
                  {t('nav.settings')}
                </AppLink>
              </li>
            ) : null}
            <li>
              <AppLink href="/help" className={navLink}>
                {t('nav.help')}
              </AppLink>
            </li>
            <li>
              {variant === 'signed-in' ? (
                <form action={logoutAction}>
                  <button type="submit" className={`${navLink} cursor-pointer`}>
                    {t('nav.logout')}
                  </button>
                </form>
              ) : (
                <AppLink href="/login" className={navLink}>
                  {t('nav.login')}
                </AppLink>
              )}
            </li>
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
