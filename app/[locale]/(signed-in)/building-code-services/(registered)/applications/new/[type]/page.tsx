import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { applicationRouteTarget } from '@/lib/applications/route-access';
import { redirect } from 'next/navigation';
import { formPageTitle } from '@/lib/forms/page-title';
import { localizedPath } from '@/lib/i18n/navigation';
import { pageLocale } from '@/lib/i18n/page-locale';
import { requireRegistrationState } from '@/lib/registration/require-registration';
import { StepPage } from '../../_components/step-page';

type Props = { params: Promise<{ locale: string; type: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const locale = await pageLocale(params);
  const type = applicationRouteTarget({ type: (await params).type })?.type;
  const t = await getTranslations({ locale, namespace: 'Applications.steps' });
  return {
    title: await formPageTitle(locale, t(`${type?.steps[0]?.key ?? 'review'}.title` as never)),
  };
}

/**
 * A new application's first step, before its first save: nothing is stored until "Enregistrer"
 * or "Suivant", which allocate the reference (middleware answers 404 for an unknown type).
 */
export default async function NewApplicationStepPage({ params }: Props) {
  const locale = await pageLocale(params);
  const { user } = await requireRegistrationState(locale, ['registered']);
  const type = applicationRouteTarget({ type: (await params).type })?.type;
  const step = type?.steps[0];
  if (!type || !step) redirect(localizedPath('/building-code-services', locale));
  return (
    <main id="main" tabIndex={-1} className="page-column py-8">
      <StepPage
        locale={locale}
        userId={user.id}
        type={type}
        step={step}
        reference={null}
        answers={{}}
        saved={false}
        incomplete={false}
      />
    </main>
  );
}
