import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { cache } from 'react';
import { inspectActivationLink } from '@/lib/accounts/activate-account';
import { getDb } from '@/lib/db/client';
import { DEAD_LINK_VIEW, DeadLinkPage, tokenOf } from '@/app/_components/dead-link';
import { ActivateForm } from './activate-form';
import { pageLocale } from '@/lib/i18n/page-locale';
import { formPageTitle } from '@/lib/forms/page-title';
import { ClientMessages } from '@/app/_components/client-messages';

type Props = {
  params: Promise<{ locale: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

/** One read per request, shared by the title and the page. */
const linkState = cache(async (token: string) =>
  inspectActivationLink({ db: await getDb(), now: () => new Date() }, token),
);

export async function generateMetadata({ params, searchParams }: Props): Promise<Metadata> {
  const locale = await pageLocale(params);
  const t = await getTranslations({ locale, namespace: 'ActivatePage' });
  const state = await linkState(tokenOf(await searchParams));
  return {
    title:
      state === 'valid'
        ? await formPageTitle(locale, t('title'))
        : t(`states.${DEAD_LINK_VIEW[state]}.title`),
  };
}

/**
 * The link in the activation email. Its GET only reads (mail scanners open links, CSRF-03):
 * a valid link shows the password form, every other state its own explanation.
 */
export default async function ActivatePage({ params, searchParams }: Props) {
  await pageLocale(params);
  const value = tokenOf(await searchParams);
  const state = await linkState(value);
  if (state === 'valid') {
    return (
      <main id="main" tabIndex={-1} className="mx-auto w-full max-w-3xl px-4 py-8">
        <ClientMessages namespaces={['ActivatePage', 'Fields']}>
          <ActivateForm token={value} />
        </ClientMessages>
      </main>
    );
  }
  const t = await getTranslations('ActivatePage');
  const view = DEAD_LINK_VIEW[state];
  return (
    <DeadLinkPage
      title={t(`states.${view}.title`)}
      body={t(`states.${view}.body`)}
      action={t(`states.${view}.action`)}
      href={state === 'used' ? '/login' : '/resend-activation'}
    />
  );
}
