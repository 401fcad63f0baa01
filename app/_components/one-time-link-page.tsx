import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { cache, type ReactNode } from 'react';
import { AppLink } from '@/app/_components/app-link';
import { ClientMessages } from '@/app/_components/client-messages';
import type { DeadLinkState, OneTimeLinkState } from '@/lib/accounts/one-time-link';
import { runtimeDeps } from '@/lib/deps';
import type { Deps } from '@/lib/deps';
import { formPageTitle } from '@/lib/forms/page-title';
import { pageLocale } from '@/lib/i18n/page-locale';
import type { AppPathname } from '@/lib/i18n/routing';

/** The message key of each dead state: `<Namespace>.states.<view>.{title,body,action}`. */
const DEAD_LINK_VIEW = {
  expired: 'expired',
  superseded: 'superseded',
  not_found: 'notFound',
  used: 'used',
} as const satisfies Record<DeadLinkState, string>;

type Props = {
  params: Promise<{ locale: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

/** The `token` query parameter of a link page ('' when absent or repeated). */
function tokenOf(query: Record<string, string | string[] | undefined>): string {
  return typeof query.token === 'string' ? query.token : '';
}

export interface OneTimeLinkPageOptions<T> {
  /** The page's messages: `title` and `states.*`; its form reads the rest. */
  namespace: 'ActivatePage' | 'ResetPasswordPage' | 'ConfirmEmailPage' | 'StaffSetupPage';
  /** Read only (mail scanners open links, CSRF-03): the link's state and what its form shows. */
  read: (deps: Pick<Deps, 'db' | 'now'>, token: string) => Promise<{ state: OneTimeLinkState } & T>;
  /** The view of a valid link: a form whose POST uses the token. */
  form: (token: string, link: T) => ReactNode;
  /** Message namespaces the form needs on the client, besides the page's own. */
  formNamespaces?: readonly 'Fields'[];
  /** Where a dead link leads: sign-in (or settings) for a used one, a new link otherwise. */
  next: { used: AppPathname; other: AppPathname };
}

/**
 * The one page of every one-time link (activation, password reset, email confirmation): its GET
 * only reads and shows one view per state — the form of a valid link (a button: the POST uses
 * the token), or what happened to a dead one and the way on. A page file is its options:
 *
 *   const page = oneTimeLinkPage({ … });
 *   export const generateMetadata = page.generateMetadata;
 *   export default page.Page;
 */
export function oneTimeLinkPage<T>(options: OneTimeLinkPageOptions<T>) {
  /** One read per request, shared by the title and the page. */
  const readLink = cache(async (token: string) => options.read(await runtimeDeps(), token));

  async function generateMetadata({ params, searchParams }: Props): Promise<Metadata> {
    const locale = await pageLocale(params);
    const t = await getTranslations({ locale, namespace: options.namespace });
    const { state } = await readLink(tokenOf(await searchParams));
    return {
      title:
        state === 'valid'
          ? await formPageTitle(locale, t('title'))
          : t(`states.${DEAD_LINK_VIEW[state]}.title`),
    };
  }

  async function Page({ params, searchParams }: Props) {
    const locale = await pageLocale(params);
    const token = tokenOf(await searchParams);
    const link = await readLink(token);
    if (link.state === 'valid') {
      return (
        <main id="main" tabIndex={-1} className="page-column py-8">
          <ClientMessages namespaces={[options.namespace, ...(options.formNamespaces ?? [])]}>
            {options.form(token, link)}
          </ClientMessages>
        </main>
      );
    }
    const t = await getTranslations({ locale, namespace: options.namespace });
    const view = DEAD_LINK_VIEW[link.state];
    return (
      <main id="main" tabIndex={-1} className="page-column py-8">
        <h1 className="page-title">{t(`states.${view}.title`)}</h1>
        <p className="mb-6 max-w-prose">{t(`states.${view}.body`)}</p>
        <AppLink
          href={link.state === 'used' ? options.next.used : options.next.other}
          className="btn-primary"
        >
          {t(`states.${view}.action`)}
        </AppLink>
      </main>
    );
  }

  return { generateMetadata, Page };
}
