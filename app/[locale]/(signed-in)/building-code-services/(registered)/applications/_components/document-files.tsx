import { getTranslations } from 'next-intl/server';
import type { DocumentView } from '@/lib/documents/list-documents';
import type { Locale } from '@/lib/i18n/routing';
import { removeDocumentAction } from '../actions';

/**
 * Files as the resident sees them: the name (a download link once clean or not scanned), the
 * size and the state in words; with `removeFrom`, a "Retirer" button each (a draft's Documents
 * step).
 */
export async function DocumentFiles({
  files,
  locale,
  removeFrom,
  removableSince,
}: {
  files: DocumentView[];
  locale: Locale;
  /** The reference of the application the files may be removed from. */
  removeFrom?: string;
  /** Only files uploaded since this time get "Retirer" (answering a request for information). */
  removableSince?: Date;
}) {
  const t = await getTranslations('ApplicationPages.documents');
  const number = new Intl.NumberFormat(`${locale}-CA`, { maximumFractionDigits: 1 });
  const size = (bytes: number) =>
    bytes < 1024 * 1024
      ? t('sizeKb', { size: number.format(Math.max(bytes / 1024, 0.1)) })
      : t('sizeMb', { size: number.format(bytes / (1024 * 1024)) });
  return (
    <ul className="mb-3 space-y-2">
      {files.map((f) => {
        const visible = f.scanStatus === 'clean' || f.scanStatus === 'not_scanned';
        const details = t('fileDetails', {
          size: size(f.sizeBytes),
          state: t(`states.${f.scanStatus}`),
        });
        return (
          <li key={f.id} className="flex flex-wrap items-center gap-x-4 gap-y-1">
            <span>
              {visible ? (
                <a href={`/api/documents/${f.id}`} className="font-semibold" download>
                  {f.fileName}
                </a>
              ) : (
                <span className="font-semibold">{f.fileName}</span>
              )}{' '}
              <span className={f.scanStatus === 'infected' ? 'font-semibold text-error' : ''}>
                ({details})
              </span>
            </span>
            {removeFrom && (!removableSince || f.uploadedAt >= removableSince) ? (
              <form action={removeDocumentAction}>
                <input type="hidden" name="reference" value={removeFrom} />
                <input type="hidden" name="documentId" value={f.id} />
                <button
                  type="submit"
                  className="btn-secondary"
                  aria-label={t('removeNamed', { name: f.fileName })}
                >
                  {t('remove')}
                </button>
              </form>
            ) : null}
          </li>
        );
      })}
    </ul>
  );
}
