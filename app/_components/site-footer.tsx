import { getTranslations } from 'next-intl/server';

/** The footer's links, in order; their words and addresses are in messages (Layout.footer.links). */
const LINKS = ['terms', 'privacy', 'accessibility', 'contact', 'call311', 'ottawa'] as const;

/**
 * The City's footer on every page under a locale (the locale layout renders it, so public,
 * signed-in, help, "page not found" and error pages all have it), on the same column as the
 * header and `main`. City editors change the links' words and addresses in messages/*.json.
 */
export async function SiteFooter() {
  const t = await getTranslations('Layout.footer');
  return (
    <footer className="mt-auto border-t border-neutral-300 bg-neutral-100 py-6 text-sm">
      <div className="page-column space-y-3">
        <p className="font-semibold">{t('city')}</p>
        <nav aria-label={t('label')}>
          <ul className="flex flex-wrap gap-x-6 gap-y-1">
            {LINKS.map((key) => (
              <li key={key}>
                {/* inline-block and py-0.5: a 24 px high target (WCAG 2.5.8). */}
                <a href={t(`links.${key}.href`)} className="inline-block py-0.5">
                  {t(`links.${key}.text`)}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <p>{t('contact')}</p>
        <p>{t('privacy')}</p>
      </div>
    </footer>
  );
}
