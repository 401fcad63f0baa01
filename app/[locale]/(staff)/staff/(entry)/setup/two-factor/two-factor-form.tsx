'use client';

import { useTranslations } from 'next-intl';
import { ErrorSummary } from '@/app/_components/form/error-summary';
import { TextField } from '@/app/_components/form/text-field';
import { useForm } from '@/app/_components/form/use-form-messages';
import { LocalLink } from '@/app/_components/local-link';
import { confirmTotpAction } from './actions';

/**
 * The secret as text beside its QR code (for manual entry), and the first code. Once it is
 * confirmed, the same page shows the recovery codes, once.
 */
export function TwoFactorForm({
  enrolment,
}: {
  /** Null once enrolled: the page then only leads on (the codes show in the POST's answer). */
  enrolment: { secret: string; qrSvg: string } | null;
}) {
  const t = useTranslations('StaffTwoFactorPage');
  const { state, formAction, pending, fieldError, items, formError } = useForm(confirmTotpAction);
  const codes = state.once?.recoveryCodes;
  if (Array.isArray(codes) || !enrolment) {
    return (
      <>
        <h1 className="page-title">{t('done.title')}</h1>
        {Array.isArray(codes) ? (
          <>
            <p className="mb-6 max-w-prose">{t('done.intro')}</p>
            <ul
              aria-label={t('done.listLabel')}
              className="mb-8 grid max-w-md gap-2 font-mono text-lg sm:grid-cols-2"
            >
              {codes.map((code) => (
                <li key={code}>{code}</li>
              ))}
            </ul>
          </>
        ) : null}
        <LocalLink href="/staff/applications" className="btn-primary">
          {t('done.continue')}
        </LocalLink>
      </>
    );
  }
  const { secret, qrSvg } = enrolment;
  // Groups of four, as authenticator apps show keys: easier to copy by hand.
  const grouped = secret.match(/.{1,4}/g)?.join(' ') ?? secret;
  return (
    <>
      <ErrorSummary items={items} formError={formError} pageTitle={t('title')} />
      <h1 className="page-title">{t('title')}</h1>
      <p className="mb-6 max-w-prose">{t('intro')}</p>
      <div className="mb-8 flex flex-wrap items-start gap-8">
        <div
          role="img"
          aria-label={t('qrLabel')}
          className="h-48 w-48 bg-white p-2"
          // The SVG is generated on the server from the secret by `qrcode` (no user input).
          dangerouslySetInnerHTML={{ __html: qrSvg }}
        />
        <div>
          <h2 className="mb-2 text-xl font-bold">{t('secretLabel')}</h2>
          <p className="mb-2 font-mono text-lg" data-testid="totp-secret" data-secret={secret}>
            {grouped}
          </p>
          <p className="text-neutral-700">{t('secretHint')}</p>
        </div>
      </div>
      <form action={formAction} noValidate>
        <TextField
          name="code"
          label={t('code')}
          hint={t('codeHint')}
          autoComplete="one-time-code"
          inputMode="numeric"
          width="pin"
          error={fieldError('code')}
        />
        <button type="submit" className="btn-primary" disabled={pending}>
          {t('submit')}
        </button>
      </form>
    </>
  );
}
