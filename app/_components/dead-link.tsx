import { getTranslations } from 'next-intl/server';
import { AppLink } from '@/app/_components/app-link';
import type { AppPathname } from '@/lib/i18n/routing';

/**
 * One-time links (activation, password reset, email confirmation) share their states and their
 * pages: a link that cannot be used says what happened and offers the way on. Each page's texts
 * live at `<Namespace>.states.<expired|superseded|notFound|used>.{title,body,action}`.
 */
export const DEAD_LINK_VIEW = {
  expired: 'expired',
  superseded: 'superseded',
  not_found: 'notFound',
  used: 'used',
} as const;

export type DeadLinkState = keyof typeof DEAD_LINK_VIEW;
type LinkNamespace = 'ActivatePage' | 'ResetPasswordPage' | 'ConfirmEmailPage';

/** The `token` query parameter of a link page ('' when absent or repeated). */
export function tokenOf(query: Record<string, string | string[] | undefined>): string {
  return typeof query.token === 'string' ? query.token : '';
}

/** The <title> of a dead link's page. */
export async function deadLinkTitle(
  locale: string,
  namespace: LinkNamespace,
  state: DeadLinkState,
): Promise<string> {
  const t = await getTranslations({ locale });
  return t(`${namespace}.states.${DEAD_LINK_VIEW[state]}.title` as never);
}

export async function DeadLinkPage({
  namespace,
  state,
  href,
}: {
  namespace: LinkNamespace;
  state: DeadLinkState;
  /** Where the action leads: a new link, or sign-in for a link already used. */
  href: AppPathname;
}) {
  const t = await getTranslations();
  const key = `${namespace}.states.${DEAD_LINK_VIEW[state]}`;
  return (
    <main id="main" tabIndex={-1} className="mx-auto w-full max-w-3xl px-4 py-8">
      <h1 className="page-title">{t(`${key}.title` as never)}</h1>
      <p className="mb-6 max-w-prose">{t(`${key}.body` as never)}</p>
      <AppLink href={href} className="btn-primary">
        {t(`${key}.action` as never)}
      </AppLink>
    </main>
  );
}
