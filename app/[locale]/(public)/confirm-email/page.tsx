import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { cache } from 'react';
import { DEAD_LINK_VIEW, DeadLinkPage, tokenOf } from '@/app/_components/dead-link';
import { ClientMessages } from '@/app/_components/client-messages';
import { readEmailChangeLink } from '@/lib/accounts/confirm-email-change';
import { getDb } from '@/lib/db/client';
import { formPageTitle } from '@/lib/forms/page-title';
import { pageLocale } from '@/lib/i18n/page-locale';
import { ConfirmEmailForm } from './confirm-form';

type Props = {
  params: Promise<{ locale: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

/** One read per request, shared by the title and the page. */
const readLink = cache(async (token: string) =>
  readEmailChangeLink({ db: await getDb(), now: () => new Date() }, token),
);

export async function generateMetadata({ params, searchParams }: Props): Promise<Metadata> {
  const locale = await pageLocale(params);
  const t = await getTranslations({ locale, namespace: 'ConfirmEmailPage' });
  const { state } = await readLink(tokenOf(await searchParams));
  return {
    title:
      state === 'valid'
        ? await formPageTitle(locale, t('title'))
        : t(`states.${DEAD_LINK_VIEW[state]}.title`),
  };
}

/**
 * The link in the "confirm your new address" email. Its GET only reads (mail scanners open
 * links, CSRF-03): a valid link names the new address above a "Confirmer" button, every other
 * state shows its own explanation and a way on.
 */
export default async function ConfirmEmailPage({ params, searchParams }: Props) {
  await pageLocale(params);
  const token = tokenOf(await searchParams);
  const link = await readLink(token);
  if (link.state === 'valid') {
    return (
      <main id="main" tabIndex={-1} className="mx-auto w-full max-w-3xl px-4 py-8">
        <ClientMessages namespaces={['ConfirmEmailPage']}>
          <ConfirmEmailForm token={token} newEmail={link.newEmail!} />
        </ClientMessages>
      </main>
    );
  }
  const t = await getTranslations('ConfirmEmailPage');
  const view = DEAD_LINK_VIEW[link.state];
  return (
    <DeadLinkPage
      title={t(`states.${view}.title`)}
      body={t(`states.${view}.body`)}
      action={t(`states.${view}.action`)}
      href={link.state === 'used' ? '/settings' : '/settings/email'}
    />
  );
}
