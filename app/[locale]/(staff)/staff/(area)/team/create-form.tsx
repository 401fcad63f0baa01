'use client';

import { useTranslations } from 'next-intl';
import { ErrorSummary } from '@/app/_components/form/error-summary';
import { SelectField } from '@/app/_components/form/select-field';
import { EmailField, TextField } from '@/app/_components/form/text-field';
import { useForm } from '@/app/_components/form/use-form-messages';
import type { StaffRole } from '@/lib/staff/roles';
import { createStaffMemberAction } from './actions';

/** "Ajouter un membre du personnel": the new member's set-up link shows here, once. */
export function CreateStaffForm({ roles }: { roles: { value: StaffRole; label: string }[] }) {
  const t = useTranslations('StaffTeamPage');
  const { state, formAction, pending, fieldError, items, formError } =
    useForm(createStaffMemberAction);
  const created = typeof state.once?.setupUrl === 'string' ? state.once : null;
  return (
    <>
      <ErrorSummary items={items} formError={formError} pageTitle={t('title')} />
      {created ? (
        <div role="status" className="mb-6 border-l-4 border-ottawa-green bg-green-50 p-3">
          <h3 className="mb-2 font-bold">{t('created.title', { email: String(created.email) })}</h3>
          <p className="mb-2">{t('created.body')}</p>
          <p className="font-mono break-all" data-testid="setup-url">
            {String(created.setupUrl)}
          </p>
        </div>
      ) : null}
      <form action={formAction} noValidate>
        <TextField
          name="name"
          label={t('fields.name.label')}
          autoComplete="off"
          defaultValue={created ? '' : state.values.name}
          error={fieldError('name')}
        />
        <EmailField
          name="email"
          label={t('fields.email')}
          autoComplete="off"
          defaultValue={created ? '' : state.values.email}
          error={fieldError('email')}
        />
        <SelectField
          name="role"
          label={t('fields.role.label')}
          options={roles}
          defaultValue={created ? 'intake' : (state.values.role ?? 'intake')}
          error={fieldError('role')}
        />
        <button type="submit" className="btn-primary" disabled={pending}>
          {t('create')}
        </button>
      </form>
    </>
  );
}
