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

/** The `token` query parameter of a link page ('' when absent or repeated). */
export function tokenOf(query: Record<string, string | string[] | undefined>): string {
  return typeof query.token === 'string' ? query.token : '';
}

/**
 * The page itself. Each page passes its own texts, read with its own translator as
 * `t(\`states.${DEAD_LINK_VIEW[state]}.title\`)` (so `npm run messages:check` sees the keys).
 */
export function DeadLinkPage({
  title,
  body,
  action,
  href,
}: {
  title: string;
  body: string;
  action: string;
  /** Where the action leads: a new link, or sign-in for a link already used. */
  href: AppPathname;
}) {
  return (
    <main id="main" tabIndex={-1} className="mx-auto w-full max-w-3xl px-4 py-8">
      <h1 className="page-title">{title}</h1>
      <p className="mb-6 max-w-prose">{body}</p>
      <AppLink href={href} className="btn-primary">
        {action}
      </AppLink>
    </main>
  );
}
