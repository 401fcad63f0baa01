import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { requireUser } from '@/lib/auth/session';
import { getDb } from '@/lib/db/client';
import { widgetCounts, type WidgetCounts } from '@/lib/dashboard/widget-counts';
import { SURVEY_LINK, WIDGETS, type Widget } from '@/lib/dashboard/widgets';
import { AppLink } from '@/app/_components/app-link';
import { Icon } from '@/app/_components/icons';
import type { Locale } from '@/lib/i18n/routing';
import { pageLocale } from '@/lib/i18n/page-locale';

type Props = {
  params: Promise<{ locale: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const locale = await pageLocale(params);
  const t = await getTranslations({ locale, namespace: 'DashboardPage' });
  return { title: t('title') };
}

export default async function DashboardPage({ params, searchParams }: Props) {
  const locale = await pageLocale(params);
  const user = await requireUser(locale);
  const t = await getTranslations('DashboardPage');
  // The activation link signs the person in and lands here: say that it worked.
  const activated = (await searchParams).notice === 'activated';
  const counts = await widgetCounts(await getDb(), user);
  return (
    <main id="main" tabIndex={-1} className="page-column py-8">
      <h1 className="page-title">{t('title')}</h1>
      {activated ? (
        <p role="status" className="mb-6 border-l-4 border-ottawa-green bg-green-50 p-3">
          {t('activated')}
        </p>
      ) : null}
      <section aria-labelledby="welcome" className="mb-8 rounded bg-neutral-100 p-5">
        <h2 id="welcome" className="mb-2 text-2xl font-bold text-ottawa-navy">
          {t('welcome')}
        </h2>
        <p className="mb-3 break-words">{t('signedInAs', { email: user.email })}</p>
        <a href={SURVEY_LINK[locale]}>
          {t('survey')} <span className="sr-only">{t('opensExternal')}</span>
        </a>
      </section>
      <h2 className="mb-4 text-2xl font-bold text-ottawa-navy">{t('servicesTitle')}</h2>
      <ul className="grid gap-5 sm:grid-cols-2 lg:grid-cols-3">
        {WIDGETS.map((widget) => (
          <li key={widget.key} className="flex flex-col rounded border-2 border-neutral-300 p-5">
            <WidgetCard widget={widget} locale={locale} counts={counts} />
          </li>
        ))}
      </ul>
    </main>
  );
}

async function WidgetCard({
  widget,
  locale,
  counts,
}: {
  widget: Widget;
  locale: Locale;
  counts: WidgetCounts;
}) {
  const t = await getTranslations('DashboardPage');
  const k = widget.key;
  const heading = (
    <h3 className="mb-2 flex items-start gap-2 text-lg font-bold text-ottawa-navy">
      {/* On the first line of a heading that wraps. */}
      <Icon name={widget.icon} className="mt-1 shrink-0" />
      {t(`widgets.${k}.title`)}
    </h3>
  );
  return (
    <>
      {heading}
      <p className="mb-4">{t(`widgets.${k}.text`)}</p>
      {widget.count && counts[widget.count] > 0 ? (
        <p className="mb-4 font-semibold">
          {t(`widgets.${k}.${widget.count}Count` as 'widgets.buildingServices.actionCount', {
            count: counts[widget.count],
          })}
        </p>
      ) : null}
      <p className="mt-auto">
        {widget.link.kind === 'internal' ? (
          <AppLink href={widget.link.pathname} className="font-semibold">
            {t(`widgets.${k}.link`)}
          </AppLink>
        ) : (
          <a href={widget.link.href[locale]} className="font-semibold">
            {t(`widgets.${k}.link`)} <span className="sr-only">{t('opensExternal')}</span>
          </a>
        )}
      </p>
    </>
  );
}
