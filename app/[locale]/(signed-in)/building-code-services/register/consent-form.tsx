'use client';

import { useTranslations } from 'next-intl';
import { ErrorSummary } from '@/app/_components/form/error-summary';
import { CheckboxField } from '@/app/_components/form/choice-fields';
import { useForm } from '@/app/_components/form/use-form-messages';
import { LocalLink } from '@/app/_components/local-link';
import { ProfileFields } from '@/app/_components/profile/profile-fields';
import { consentAction, type ConsentField } from './actions';

/** The guide's consent page: notice first (PRIV-01), then the 15 fields, the checkbox, J'accepte. */
export function ConsentForm({
  initialValues,
  reconsent,
}: {
  initialValues: Partial<Record<ConsentField, string>>;
  reconsent: boolean;
}) {
  const t = useTranslations('RegisterPage');
  const tf = useTranslations('Form');
  const { state, formAction, pending, fieldError, items, formError } = useForm(
    consentAction,
    initialValues,
  );
  const v = state.values;
  const required = ` ${tf('required')}`;

  return (
    <>
      <ErrorSummary items={items} formError={formError} pageTitle={t('title')} />
      <p className="mb-1 font-semibold text-ottawa-blue">{t('area')}</p>
      <h1 className="page-title">{t('title')}</h1>
      {reconsent ? (
        <p role="status" className="mb-6 border-l-4 border-ottawa-blue bg-blue-50 p-3">
          {t('reconsent')}
        </p>
      ) : null}
      <section aria-labelledby="transfer-title" className="mb-6 max-w-prose">
        <h2 id="transfer-title" className="mb-2 text-xl font-bold text-ottawa-navy">
          {t('transferTitle')}
        </h2>
        {t.rich('transferParagraphs', { p: (chunks) => <p className="mb-3">{chunks}</p> })}
      </section>
      <section
        aria-labelledby="collection-title"
        className="mb-8 max-w-prose rounded border-l-4 border-ottawa-navy bg-neutral-100 p-4"
      >
        <h2 id="collection-title" className="mb-2 text-xl font-bold text-ottawa-navy">
          {t('collectionTitle')}
        </h2>
        <p>{t('collectionText')}</p>
      </section>
      <form action={formAction} noValidate>
        <h2 className="mb-4 text-xl font-bold text-ottawa-navy">{t('profileTitle')}</h2>
        <ProfileFields values={v} fieldError={fieldError} />
        <CheckboxField
          name="consent"
          className="my-6"
          label={t('consent') + required}
          checked={v.consent === 'on'}
          error={fieldError('consent')}
        />
        <div className="flex flex-wrap items-center gap-4">
          <button type="submit" className="btn-primary" disabled={pending}>
            {t('submit')}
          </button>
          <LocalLink href="/dashboard" className="btn-secondary">
            {t('cancel')}
          </LocalLink>
        </div>
      </form>
    </>
  );
}
