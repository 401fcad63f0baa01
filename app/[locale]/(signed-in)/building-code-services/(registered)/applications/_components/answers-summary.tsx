import { CAD_FORMAT } from '@/lib/applications/money';
import { getFormatter, getTranslations } from 'next-intl/server';
import { formSteps, type ApplicationTypeDef, type FieldDef } from '@/lib/applications/catalogue';
import type { AnswerValue, ApplicationAnswers } from '@/lib/applications/step-schema';
import { localizedDynamicPath } from '@/lib/i18n/navigation';
import type { Locale } from '@/lib/i18n/routing';

/**
 * Every answer of an application, step by step, as summary lists; with `changeLinks` each step
 * has a "Modifier" link back to it (the review page). Only the fields a step asked for are shown
 * (an owner's details only when applying as an agent).
 */
export async function AnswersSummary({
  type,
  answers,
  reference,
  locale,
  changeLinks,
  level = 2,
}: {
  type: ApplicationTypeDef;
  answers: ApplicationAnswers;
  reference: string;
  locale: Locale;
  changeLinks: boolean;
  /** The steps' heading level: 3 under a page section's own heading. */
  level?: 2 | 3;
}) {
  const Heading = level === 2 ? 'h2' : 'h3';
  const t = await getTranslations('Applications');
  const pages = await getTranslations('ApplicationPages.review');
  const format = await getFormatter();
  const show = (field: FieldDef, value: AnswerValue | undefined): string => {
    if (value === undefined || value === '') return pages('notProvided');
    if (field.kind === 'choice') return t(`fields.${field.key}.options.${value}` as never);
    if (field.kind === 'money' && typeof value === 'number') {
      return format.number(value / 100, CAD_FORMAT);
    }
    if (typeof value === 'number') return format.number(value);
    return value;
  };
  return (
    <>
      {formSteps(type).map((step) => {
        const stepAnswers = answers[step.key] ?? {};
        const asked = step.fields.filter(
          (f) =>
            typeof f.required !== 'object' || stepAnswers[f.required.field] === f.required.equals,
        );
        const stepTitle = t(`steps.${step.key}.title` as never);
        return (
          <section key={step.key} aria-labelledby={`answers-${step.key}`} className="mb-8">
            <div className="mb-2 flex flex-wrap items-baseline justify-between gap-3 border-b-2 border-neutral-300 pb-1">
              <Heading id={`answers-${step.key}`} className="text-xl font-bold text-ottawa-navy">
                {stepTitle}
              </Heading>
              {changeLinks ? (
                <a
                  href={`${localizedDynamicPath(
                    '/building-code-services/applications/[reference]/step/[step]',
                    locale,
                    { reference, step: String(type.steps.indexOf(step) + 1) },
                  )}`}
                >
                  <span aria-hidden="true">{pages('change')}</span>
                  <span className="sr-only">{pages('changeField', { field: stepTitle })}</span>
                </a>
              ) : null}
            </div>
            <dl className="grid gap-x-6 sm:grid-cols-[minmax(0,1fr)_minmax(0,2fr)]">
              {asked.map((field) => (
                <div key={field.key} className="contents">
                  <dt className="pt-2 font-semibold">{t(`fields.${field.key}.label` as never)}</dt>
                  <dd className="border-b border-neutral-200 pt-2 pb-2 break-words whitespace-pre-line">
                    {show(field, stepAnswers[field.key])}
                  </dd>
                </div>
              ))}
            </dl>
          </section>
        );
      })}
    </>
  );
}
