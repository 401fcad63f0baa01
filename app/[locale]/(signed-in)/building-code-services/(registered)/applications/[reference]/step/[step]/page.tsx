import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { loadApplication } from '@/lib/applications/load-application';
import { findOpenRequest } from '@/lib/applications/respond-to-request';
import { applicationRouteTarget, stepAt } from '@/lib/applications/route-access';
import { getDb } from '@/lib/db/client';
import { formPageTitle } from '@/lib/forms/page-title';
import { localizedDynamicPath, localizedPath } from '@/lib/i18n/navigation';
import { pageLocale } from '@/lib/i18n/page-locale';
import { readOutcome } from '@/lib/documents/upload-outcome';
import { requireRegistrationState } from '@/lib/registration/require-registration';
import { StepPage } from '../../../_components/step-page';

type Props = {
  params: Promise<{ locale: string; reference: string; step: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export async function generateMetadata({ params, searchParams }: Props): Promise<Metadata> {
  const locale = await pageLocale(params);
  const { reference, step } = await params;
  const type = applicationRouteTarget({ reference, step })?.type;
  const key = (type && stepAt(type, step)?.key) ?? 'review';
  const t = await getTranslations({ locale, namespace: 'Applications.steps' });
  const title = t(`${key}.title` as never);
  // The Documents step after an upload with refusals or a submit missing files shows errors.
  const query = await searchParams;
  const outcome = key === 'documents' ? readOutcome(query) : null;
  if (
    (outcome && (outcome.refusals.length > 0 || outcome.formError)) ||
    (key === 'documents' && query.missing === '1')
  ) {
    const summary = await getTranslations({ locale, namespace: 'ErrorSummary' });
    return { title: summary('titlePrefix') + title };
  }
  return { title: await formPageTitle(locale, title) };
}

/**
 * A step of a draft: its saved answers, "Enregistrer" and "Suivant". Only the owner's draft (the
 * middleware's 404 for anyone else; read again here); a submitted application goes to its page,
 * except its Documents step while it answers a request for information (files added there, the
 * answer sent from the application's page).
 */
export default async function ApplicationStepPage({ params, searchParams }: Props) {
  const locale = await pageLocale(params);
  const { user } = await requireRegistrationState(locale, ['registered']);
  const { reference, step: number } = await params;
  const query = await searchParams;
  const application = await loadApplication(await getDb(), user.id, reference);
  const type = applicationRouteTarget({ reference, step: number })?.type;
  const step = type ? stepAt(type, number) : null;
  // Deleted between the middleware's check and here: back to the area's home.
  if (!application || !type || !step) redirect(localizedPath('/building-code-services', locale));
  const answering =
    application.status === 'information_required' && step.kind === 'documents'
      ? await findOpenRequest(await getDb(), application.id)
      : null;
  if (application.status !== 'draft' && !answering) {
    redirect(
      localizedDynamicPath('/building-code-services/applications/[reference]', locale, {
        reference,
      }),
    );
  }
  return (
    <main id="main" tabIndex={-1} className="page-column py-8">
      <StepPage
        locale={locale}
        userId={user.id}
        type={type}
        step={step}
        reference={reference}
        answers={application.answers}
        saved={query.saved === '1'}
        incomplete={query.incomplete === '1'}
        documentsView={{
          outcome: readOutcome(query),
          missing: query.missing === '1',
          removed: query.removed === '1',
        }}
        answeringSince={answering?.requestedAt}
      />
    </main>
  );
}
