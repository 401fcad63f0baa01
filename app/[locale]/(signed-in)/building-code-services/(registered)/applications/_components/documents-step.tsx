import { getTranslations } from 'next-intl/server';
import { ErrorSummary, type SummaryItem } from '@/app/_components/form/error-summary';
import type { ApplicationTypeDef } from '@/lib/applications/catalogue';
import type { ApplicationAnswers } from '@/lib/applications/step-schema';
import { checklistFor, missingRequiredItems } from '@/lib/documents/checklist';
import type { DocumentView } from '@/lib/documents/list-documents';
import { MAX_FILE_BYTES, refusalMessageValues } from '@/lib/documents/rules';
import type { UploadOutcome } from '@/lib/documents/upload-outcome';
import type { Locale } from '@/lib/i18n/routing';
import { bucketPostOrigin } from '@/lib/storage/config';
import { ClientMessages } from '@/app/_components/client-messages';
import { DocumentFiles } from './document-files';
import { DocumentUploadForm } from './document-upload-form';

const ACCEPT = '.pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png';

/**
 * The Documents step: per checklist item, its files (name, size, state in words, "Retirer") and
 * a plain upload form posting to the upload route (it works without JavaScript). The upload's
 * outcome comes back in the query: refusals beside their field and in the error summary; a
 * submit refused for missing documents (`missing`) names each item the same way.
 */
export async function DocumentsStep({
  locale,
  type,
  reference,
  answers,
  documents,
  outcome,
  missing,
  removed,
  title,
  heading,
  removableSince,
}: {
  locale: Locale;
  type: ApplicationTypeDef;
  reference: string;
  answers: ApplicationAnswers;
  documents: DocumentView[];
  outcome: UploadOutcome | null;
  missing: boolean;
  removed: boolean;
  title: string;
  heading: React.ReactNode;
  /** Answering a request for information: only files added since then may be removed. */
  removableSince?: Date;
}) {
  const t = await getTranslations('ApplicationPages.documents');
  const docs = await getTranslations('Applications.documents');
  const errors = await getTranslations('Documents.errors');
  const formErrors = await getTranslations('Form');
  const summaryText = await getTranslations('ErrorSummary');
  const items = checklistFor(type, answers);
  const nameOf = (key: string) => docs(`${key}.name` as never);

  // Each item's messages, in the checklist's order: the upload's refusals, then "missing".
  const itemErrors = new Map<string, string[]>();
  const add = (key: string, message: string) =>
    itemErrors.set(key, [...(itemErrors.get(key) ?? []), message]);
  if (outcome && items.some((d) => d.key === outcome.item)) {
    if (outcome.formError === 'no_file')
      add(outcome.item, t('noFile', { name: nameOf(outcome.item) }));
    if (outcome.formError === 'expired') add(outcome.item, formErrors('sessionExpired'));
    for (const refusal of outcome.refusals)
      add(outcome.item, errors(refusal.reason, refusalMessageValues(refusal.name)));
  }
  if (missing)
    for (const key of missingRequiredItems(type, answers, documents))
      add(key, t('missing', { name: nameOf(key) }));
  const summary: SummaryItem[] = items.flatMap((d) =>
    (itemErrors.get(d.key) ?? []).map((message) => ({ fieldId: `file-${d.key}`, message })),
  );
  const accepted =
    outcome && outcome.accepted > 0 && items.some((d) => d.key === outcome.item)
      ? t('accepted', { count: outcome.accepted, name: nameOf(outcome.item) })
      : null;

  const base = `/api/applications/${reference}/documents`;
  // With a bucket, the step's script posts files straight to it (DOC-05).
  const direct = bucketPostOrigin() !== null;

  return (
    <>
      <ErrorSummary items={summary} pageTitle={title} />
      <h1 className="page-title">{title}</h1>
      {heading}
      {accepted || removed ? (
        <p role="status" className="mb-6 border-l-4 border-ottawa-green bg-green-50 p-3">
          {accepted ?? t('removed')}
        </p>
      ) : null}
      <p className="mb-6 max-w-prose">{t('intro')}</p>
      {items.length === 0 ? (
        <p className="mb-6">{t('none')}</p>
      ) : (
        <ClientMessages namespaces={['Documents']}>
          <ul className="mb-8 max-w-2xl space-y-4">
            {items.map((d) => {
              const files = documents.filter((f) => f.item === d.key);
              const messages = itemErrors.get(d.key) ?? [];
              const id = `file-${d.key}`;
              return (
                <li
                  key={d.key}
                  id={`item-${d.key}`}
                  className="rounded border-2 border-neutral-300 p-4"
                >
                  <h2 className="font-semibold">
                    {nameOf(d.key)}{' '}
                    <span className="font-normal">
                      ({d.required ? t('required') : t('optional')})
                    </span>
                  </h2>
                  <p className="mb-3">{docs(`${d.key}.help` as never)}</p>
                  <h3 className="sr-only">{t('uploaded')}</h3>
                  {files.length === 0 ? (
                    <p className="mb-3 text-neutral-700">{t('noFiles')}</p>
                  ) : (
                    <DocumentFiles
                      files={files}
                      locale={locale}
                      removeFrom={reference}
                      removableSince={removableSince}
                    />
                  )}
                  <DocumentUploadForm
                    action={`${base}?item=${d.key}&locale=${locale}`}
                    presignAction={`${base}/presign`}
                    completeAction={`${base}/complete`}
                    direct={direct}
                    item={d.key}
                  >
                    <label htmlFor={id} className="mb-1 block font-semibold">
                      {t('filesLabel', { name: nameOf(d.key) })}
                    </label>
                    <p id={`${id}-hint`} className="mb-1 text-neutral-700">
                      {t('filesHint', { maxMegabytes: MAX_FILE_BYTES / (1024 * 1024) })}
                    </p>
                    {messages.length > 0 ? (
                      <div id={`${id}-error`} className="mb-1 font-semibold text-error">
                        {messages.map((message, index) => (
                          <p key={index}>
                            <span className="sr-only">{summaryText('inlinePrefix')} </span>
                            {message}
                          </p>
                        ))}
                      </div>
                    ) : null}
                    <input
                      id={id}
                      name="files"
                      type="file"
                      multiple
                      accept={ACCEPT}
                      autoComplete="off"
                      className="mb-3 block w-full max-w-md"
                      aria-invalid={messages.length > 0 ? true : undefined}
                      aria-describedby={[`${id}-hint`, messages.length > 0 && `${id}-error`]
                        .filter(Boolean)
                        .join(' ')}
                    />
                    <button type="submit" className="btn-secondary">
                      {t('upload')}
                    </button>
                  </DocumentUploadForm>
                </li>
              );
            })}
          </ul>
        </ClientMessages>
      )}
    </>
  );
}
