import { NextIntlClientProvider } from 'next-intl';
import { getMessages } from 'next-intl/server';
import type { ReactNode } from 'react';

type Namespace = keyof Awaited<ReturnType<typeof getMessages>> & string;

/** What every page's client components read: the header's toggle, the error page and summary. */
const BASE: readonly string[] = ['Metadata', 'Layout', 'ErrorPage', 'ErrorSummary', 'Form'];

/**
 * Hands client components only the message namespaces they use (the base set plus the page's
 * own), rather than both whole files: every message sent is serialized into every page.
 */
export async function ClientMessages({
  namespaces = [],
  children,
}: {
  namespaces?: readonly Namespace[];
  children: ReactNode;
}) {
  const all = (await getMessages()) as Record<string, unknown>;
  const messages = Object.fromEntries([...BASE, ...namespaces].map((name) => [name, all[name]]));
  return <NextIntlClientProvider messages={messages as never}>{children}</NextIntlClientProvider>;
}
