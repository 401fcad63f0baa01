import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { APPLICATION_TYPES } from '@/lib/applications/catalogue';
import { localizedDynamicPath } from '@/lib/i18n/navigation';
import { pageLocale } from '@/lib/i18n/page-locale';
import { requireRegistrationState } from '@/lib/registration/require-registration';

type Props = { params: Promise<{ locale: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const locale = await pageLocale(params);
  const t = await getTranslations({ locale, namespace: 'ApplicationPages.new' });
  return { title: t('title') };
}

/** "Commencer une demande": one card per type of the catalogue, with when to use it. */
export default async function NewApplicationPage({ params }: Props) {
  const locale = await pageLocale(params);
  await requireRegistrationState(locale, ['registered']);
  const t = await getTranslations('ApplicationPages.new');
  const types = await getTranslations('Applications.types');
  return (
    <main id="main" tabIndex={-1} className="page-column py-8">
      <h1 className="page-title">{t('title')}</h1>
      <p className="mb-8 max-w-prose">{t('intro')}</p>
      <ul className="grid gap-6 md:grid-cols-2">
        {APPLICATION_TYPES.map((type) => {
          const name = types(`${type.key}.name` as never);
          return (
            <li key={type.key} className="flex flex-col rounded border-2 border-neutral-300 p-5">
              <h2 className="mb-2 text-xl font-bold text-ottawa-navy">{name}</h2>
              <p className="mb-4 grow">{types(`${type.key}.when` as never)}</p>
              <p>
                <a
                  className="btn-primary"
                  href={localizedDynamicPath(
                    '/building-code-services/applications/new/[type]',
                    locale,
                    { type: type.prefix },
                  )}
                >
                  {t('start', { type: name.toLowerCase() })}
                </a>
              </p>
            </li>
          );
        })}
      </ul>
    </main>
  );
}
