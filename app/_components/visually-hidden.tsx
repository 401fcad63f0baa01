import type { ReactNode } from 'react';

/**
 * The rich-text tag `<hidden>…</hidden>` of messages: words a screen reader reads and the eye
 * does not see, e.g. "Afficher<hidden> le mot de passe</hidden>" shows "Afficher" and is named
 * "Afficher le mot de passe". Use with `t.rich(key, visuallyHidden)`.
 */
export const visuallyHidden = {
  hidden: (chunks: ReactNode) => <span className="sr-only">{chunks}</span>,
};
