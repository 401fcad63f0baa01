'use client';

import { useTranslations } from 'next-intl';
import type { ReactNode } from 'react';
import { ErrorSummary } from '@/app/_components/form/error-summary';
import { SelectField } from '@/app/_components/form/select-field';
import { EmailField, TextField } from '@/app/_components/form/text-field';
import { useForm } from '@/app/_components/form/use-form-messages';
import type { StaffRole } from '@/lib/staff/roles';
import { createStaffMemberAction } from './actions';

/**
 * The team screen's content: the error summary at the top of <main>, the title, the staff list
 * (`children`, rendered on the server) and "Ajouter un membre du personnel", whose answer shows
 * the new member's set-up link, once.
 */
export function TeamScreen({
  roles,
  children,
}: {
  roles: { value: StaffRole; label: string }[];
  children: ReactNode;
}) {
  const t = useTranslations('StaffTeamPage');
  const { state, formAction, pending, fieldError, items, formError } =
    useForm(createStaffMemberAction);
  const created = typeof state.once?.setupUrl === 'string' ? state.once : null;
  return (
    <>
      <ErrorSummary items={items} formError={formError} pageTitle={t('title')} />
      <h1 className="page-title">{t('title')}</h1>
      <p className="mb-6 max-w-prose">{t('intro')}</p>
      {children}
      <h2 id="create-title" className="mb-4 text-2xl font-bold text-ottawa-navy">
        {t('createTitle')}
      </h2>
      {created ? (
        <div role="status" className="mb-6 border-l-4 border-ottawa-green bg-green-50 p-3">
          <h3 className="mb-2 font-bold">{t('created.title', { email: String(created.email) })}</h3>
          <p className="mb-2">{t('created.body')}</p>
          <p className="font-mono break-all" data-testid="setup-url">
            {String(created.setupUrl)}
          </p>
        </div>
      ) : null}
      <form action={formAction} noValidate aria-labelledby="create-title">
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
          autoComplete="off"
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
