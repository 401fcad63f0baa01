'use client';

import { useTranslations } from 'next-intl';
import { useForm } from '@/app/_components/form/use-form-messages';
import { disableStaffMemberAction, reenrolStaffMemberAction } from '../actions';

/** "Désactiver le compte" and "Réinitialiser l'authentification", each a POST with its result. */
export function MemberActions({ staffId, disabled }: { staffId: string; disabled: boolean }) {
  const t = useTranslations('StaffMemberPage');
  const disable = useForm(disableStaffMemberAction);
  const reenrol = useForm(reenrolStaffMemberAction);
  const setupUrl = reenrol.state.once?.setupUrl;
  return (
    <div className="grid gap-8 md:grid-cols-2">
      {disabled || disable.state.once?.done ? (
        <p role="status" className="font-semibold">
          {t('disabled')}
        </p>
      ) : (
        <form action={disable.formAction}>
          <input type="hidden" name="staffId" value={staffId} />
          <p className="mb-3 max-w-prose">{t('disableHint')}</p>
          {disable.formError ? (
            <p role="alert" className="mb-3 font-semibold text-red-800">
              {disable.formError}
            </p>
          ) : null}
          <button type="submit" className="btn-secondary" disabled={disable.pending}>
            {t('disable')}
          </button>
        </form>
      )}
      <form action={reenrol.formAction}>
        <input type="hidden" name="staffId" value={staffId} />
        <p className="mb-3 max-w-prose">{t('reenrolHint')}</p>
        <button type="submit" className="btn-secondary" disabled={reenrol.pending}>
          {t('reenrol')}
        </button>
        {typeof setupUrl === 'string' ? (
          <div role="status" className="mt-4 border-l-4 border-ottawa-green bg-green-50 p-3">
            <p className="mb-2">{t('reenrolled')}</p>
            <p className="font-mono break-all" data-testid="setup-url">
              {setupUrl}
            </p>
          </div>
        ) : null}
      </form>
    </div>
  );
}
