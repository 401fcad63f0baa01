import { getTranslations } from 'next-intl/server';
import { Suspense } from 'react';
import { logoutAction } from '@/app/[locale]/(signed-in)/logout-action';
import { AppLink } from '@/app/_components/app-link';
import { Wordmark } from '@/app/_components/icons';
import { LanguageToggle } from './language-toggle';

/**
 * The portal header: the City's wordmark and the portal's name (the link home); signed-out pages
 * offer Aide and Connexion, signed-in ones the account menu.
 */
export async function SiteHeader({ variant }: { variant: 'public' | 'signed-in' }) {
  const t = await getTranslations('Layout');
  // inline-block: a whole line high (24 px), the minimum target size of WCAG 2.5.8.
  const navLink = 'inline-block text-white no-underline hover:underline';
  return (
    <header className="bg-ottawa-navy text-white">
      <div className="page-column flex flex-wrap items-center justify-between gap-4 py-3">
        {/* The City's wordmark, then the portal's name: the link home. */}
        <div className="flex flex-wrap items-center gap-x-4 gap-y-2">
          <Wordmark label={t('wordmark')} word={t('wordmarkWord')} />
          <AppLink
            href={variant === 'signed-in' ? '/dashboard' : '/'}
            className="inline-block border-l-2 border-white/50 pl-4 text-xl font-bold text-white no-underline"
            aria-label={t('home')}
          >
            {t('siteName')}
          </AppLink>
        </div>
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
