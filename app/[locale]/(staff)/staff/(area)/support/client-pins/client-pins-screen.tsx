'use client';

import { useTranslations } from 'next-intl';
import { ErrorSummary } from '@/app/_components/form/error-summary';
import { TextField } from '@/app/_components/form/text-field';
import { FieldShell, fieldAria } from '@/app/_components/form/field-shell';
import { useForm } from '@/app/_components/form/use-form-messages';
import { importClientPinsAction, issueClientPinAction } from '../actions';

interface RowProblem {
  line: number;
  code: 'required' | 'tooLong' | 'hiddenCharacters' | 'clientNumberFormat' | 'clientNumberTaken';
  column: string;
  max: number;
}

/**
 * "Émettre un NIP" and "Importer un fichier", with one error summary at the top of <main>. Each
 * answer shows the PINs once — the issued PIN, or the import's mailing file — as the command
 * prints them; they are never stored in clear.
 */
export function ClientPinsScreen() {
  const t = useTranslations('StaffClientPinsPage');
  const issue = useForm(issueClientPinAction);
  const imported = useForm(importClientPinsAction);
  const issued = typeof issue.state.once?.pin === 'string' ? issue.state.once : null;
  const report = typeof imported.state.once?.issued === 'string' ? imported.state.once : null;
  const rows: RowProblem[] = Array.isArray(report?.rows)
    ? report.rows.map((row) => JSON.parse(row) as RowProblem)
    : [];
  const mailing = typeof report?.mailing === 'string' ? report.mailing : '';
  const keep = (value: string | undefined) => (issued ? '' : value);
  return (
    <>
      <ErrorSummary
        items={[...issue.items, ...imported.items]}
        formError={issue.formError ?? imported.formError}
        pageTitle={t('title')}
      />
      <h1 className="page-title">{t('title')}</h1>
      <p className="mb-6 max-w-prose">{t('intro')}</p>

      <h2 id="issue-title" className="mb-4 text-2xl font-bold text-ottawa-navy">
        {t('issueTitle')}
      </h2>
      {issued ? (
        <div role="status" className="mb-6 border-l-4 border-ottawa-green bg-green-50 p-3">
          <h3 className="mb-2 font-bold">
            {t('issued.title', { clientNumber: String(issued.clientNumber) })}
          </h3>
          <p className="mb-2">{t('issued.body')}</p>
          <p className="font-mono text-xl" data-testid="issued-pin">
            {String(issued.pin)}
          </p>
        </div>
      ) : null}
      <form action={issue.formAction} noValidate aria-labelledby="issue-title" className="mb-10">
        <TextField
          name="firstName"
          label={t('fields.firstName.label')}
          autoComplete="off"
          defaultValue={keep(issue.state.values.firstName)}
          error={issue.fieldError('firstName')}
        />
        <TextField
          name="lastName"
          label={t('fields.lastName.label')}
          autoComplete="off"
          defaultValue={keep(issue.state.values.lastName)}
          error={issue.fieldError('lastName')}
        />
        <TextField
          name="clientNumber"
          label={t('fields.clientNumber.label')}
          hint={t('fields.clientNumber.hint')}
          autoComplete="off"
          spellCheck={false}
          defaultValue={keep(issue.state.values.clientNumber)}
          error={issue.fieldError('clientNumber')}
        />
        <TextField
          name="address"
          label={t('fields.address.label')}
          hint={t('fields.address.hint')}
          autoComplete="off"
          defaultValue={keep(issue.state.values.address)}
          error={issue.fieldError('address')}
        />
        <TextField
          name="validDays"
          label={t('fields.validDays.label')}
          hint={t('fields.validDays.hint')}
          inputMode="numeric"
          autoComplete="off"
          width="extension"
          defaultValue={keep(issue.state.values.validDays)}
          error={issue.fieldError('validDays')}
        />
        <button type="submit" className="btn-primary" disabled={issue.pending}>
          {t('issue')}
        </button>
      </form>

      <h2 id="import-title" className="mb-4 text-2xl font-bold text-ottawa-navy">
        {t('importTitle')}
      </h2>
      <p className="mb-4 max-w-prose">{t('importIntro')}</p>
      {report ? (
        <div role="status" className="mb-6 border-l-4 border-ottawa-green bg-green-50 p-3">
          <h3 className="mb-2 font-bold">
            {t('imported.title', {
              issued: Number(report.issued),
              refused: Number(report.refused),
            })}
          </h3>
          {rows.length > 0 ? (
            <>
              <p className="mb-2">{t('imported.refusedIntro')}</p>
              <ul className="mb-3 list-disc pl-6" data-testid="refused-rows">
                {rows.map((row, i) => (
                  <li key={i}>
                    {t('imported.row', {
                      line: row.line,
                      problem: t(`problems.${row.code}`, { column: row.column, max: row.max }),
                    })}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
          {mailing ? (
            <>
              <p className="mb-2">{t('imported.mailing')}</p>
              <label htmlFor="mailing" className="mb-1 block font-bold">
                {t('imported.mailingLabel')}
              </label>
              <textarea
                id="mailing"
                readOnly
                rows={Math.min(12, mailing.split('\r\n').length)}
                className="input mb-3 max-w-none font-mono text-sm"
                value={mailing}
                data-testid="mailing-file"
              />
              <a
                className="btn-secondary inline-block"
                download={t('imported.fileName')}
                href={`data:text/csv;charset=utf-8,${encodeURIComponent(mailing)}`}
              >
                {t('imported.download')}
              </a>
            </>
          ) : null}
        </div>
      ) : null}
      <form action={imported.formAction} noValidate aria-labelledby="import-title">
        <FieldShell
          id="file"
          label={t('fields.file.label')}
          hint={t('fields.file.hint', { kilobytes: 60 })}
          error={imported.fieldError('file')}
        >
          <input
            id="file"
            name="file"
            type="file"
            accept=".csv,text/csv"
            autoComplete="off"
            className="block"
            {...fieldAria(
              'file',
              t('fields.file.hint', { kilobytes: 60 }),
              imported.fieldError('file'),
            )}
          />
        </FieldShell>
        <TextField
          name="importValidDays"
          label={t('fields.validDays.label')}
          hint={t('fields.validDays.hint')}
          inputMode="numeric"
          autoComplete="off"
          width="extension"
          defaultValue={imported.state.values.importValidDays}
          error={imported.fieldError('importValidDays')}
        />
        <button type="submit" className="btn-primary" disabled={imported.pending}>
          {t('import')}
        </button>
      </form>
    </>
  );
}
