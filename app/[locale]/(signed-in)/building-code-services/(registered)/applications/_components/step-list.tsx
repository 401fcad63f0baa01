import { getTranslations } from 'next-intl/server';
import type { ApplicationTypeDef } from '@/lib/applications/catalogue';
import { localizedDynamicPath } from '@/lib/i18n/navigation';
import type { Locale } from '@/lib/i18n/routing';

/**
 * Where the person is among the type's steps: an ordered list, the current step marked with
 * aria-current="step" and in words. Steps link back once the application has a reference.
 */
export async function StepList({
  type,
  current,
  reference,
  locale,
}: {
  type: ApplicationTypeDef;
  current: string;
  reference: string | null;
  locale: Locale;
}) {
  const t = await getTranslations('ApplicationPages.step');
  const steps = await getTranslations('Applications.steps');
  const index = type.steps.findIndex((s) => s.key === current);
  return (
    <nav aria-label={t('stepsLabel')} className="mb-6">
      <p className="mb-2 font-semibold">
        {t('stepOf', { current: index + 1, total: type.steps.length })}
      </p>
      <ol className="flex flex-wrap gap-x-4 gap-y-1">
        {type.steps.map((step, i) => {
          const name = steps(`${step.key}.title` as never);
          const label = `${i + 1}. ${name}`;
          if (step.key === current) {
            return (
              <li key={step.key} aria-current="step" className="font-bold">
                {label} <span className="sr-only">({t('current')})</span>
              </li>
            );
          }
          return (
            <li key={step.key}>
              {reference ? (
                <a
                  className="inline-block py-1"
                  href={localizedDynamicPath(
                    '/building-code-services/applications/[reference]/step/[step]',
                    locale,
                    { reference, step: String(i + 1) },
                  )}
                >
                  {label}
                </a>
              ) : (
                label
              )}
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
