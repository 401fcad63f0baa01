import type { Metadata } from 'next';
import { headers } from 'next/headers';
import { notFound } from 'next/navigation';
import { hasLocale } from 'next-intl';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import type { ReactNode } from 'react';
import { ClientMessages } from '@/app/_components/client-messages';
import { SiteFooter } from '@/app/_components/site-footer';
import { routing } from '@/lib/i18n/routing';

export async function generateMetadata({
  params,
}: {
  params: Promise<{ locale: string }>;
}): Promise<Metadata> {
  const { locale: requested } = await params;
  const locale = hasLocale(routing.locales, requested) ? requested : 'fr';
  const t = await getTranslations({ locale, namespace: 'Metadata' });
  // An unknown path gets the catch-all page with a 404 status (middleware.ts), and Next.js then
  // leaves that page's own metadata out: the default title says what the page is instead.
  const unknownPage = (await headers()).get('x-monso-not-found') === '1';
  const notFoundText = unknownPage
    ? await getTranslations({ locale, namespace: 'NotFoundPage' })
    : null;
  return {
    title: {
      template: t('titleTemplate', { title: '%s' }),
      default: notFoundText ? t('titleTemplate', { title: notFoundText('title') }) : t('siteName'),
    },
    description: t('description'),
  };
}

export default async function LocaleLayout({
  children,
  params,
}: {
  children: ReactNode;
  params: Promise<{ locale: string }>;
}) {
  const { locale } = await params;
  if (!hasLocale(routing.locales, locale)) notFound();
  setRequestLocale(locale);
  const t = await getTranslations('Layout');
  return (
    <html lang={locale}>
      <body className="flex min-h-screen flex-col">
        <a
          href="#main"
          className="sr-only bg-white p-2 focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50"
        >
          {t('skipLink')}
        </a>
        <ClientMessages>{children}</ClientMessages>
        <SiteFooter />
      </body>
    </html>
  );
}
