import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { cache } from 'react';
import { DEAD_LINK_VIEW, DeadLinkPage, tokenOf } from '@/app/_components/dead-link';
import { ClientMessages } from '@/app/_components/client-messages';
import { inspectResetLink } from '@/lib/accounts/reset-password';
import { getDb } from '@/lib/db/client';
import { formPageTitle } from '@/lib/forms/page-title';
import { pageLocale } from '@/lib/i18n/page-locale';
import { ResetPasswordForm } from './reset-form';

type Props = {
  params: Promise<{ locale: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

/** One read per request, shared by the title and the page. */
const linkState = cache(async (token: string) =>
  inspectResetLink({ db: await getDb(), now: () => new Date() }, token),
);

export async function generateMetadata({ params, searchParams }: Props): Promise<Metadata> {
  const locale = await pageLocale(params);
  const t = await getTranslations({ locale, namespace: 'ResetPasswordPage' });
  const state = await linkState(tokenOf(await searchParams));
  return {
    title:
      state === 'valid'
        ? await formPageTitle(locale, t('title'))
        : t(`states.${DEAD_LINK_VIEW[state]}.title`),
  };
}

/**
 * The link in the reset email. Its GET only reads (mail scanners open links, CSRF-03): a valid
 * link shows the new-password form, every other state its own explanation and a way on.
 */
export default async function ResetPasswordPage({ params, searchParams }: Props) {
  await pageLocale(params);
  const token = tokenOf(await searchParams);
  const state = await linkState(token);
  if (state === 'valid') {
    return (
      <main id="main" tabIndex={-1} className="mx-auto w-full max-w-3xl px-4 py-8">
        <ClientMessages namespaces={['ResetPasswordPage', 'Fields']}>
          <ResetPasswordForm token={token} />
        </ClientMessages>
      </main>
    );
  }
  const t = await getTranslations('ResetPasswordPage');
  const view = DEAD_LINK_VIEW[state];
  return (
    <DeadLinkPage
      title={t(`states.${view}.title`)}
      body={t(`states.${view}.body`)}
      action={t(`states.${view}.action`)}
      href={state === 'used' ? '/login' : '/forgot-password'}
    />
  );
}
