'use client';

import { usePathname, useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useId, useState, useSyncExternalStore, type FormEvent, type ReactNode } from 'react';
import { SIGNATURES } from '@/lib/documents/file-signature';
import { refusalMessageValues, type RefusalReason } from '@/lib/documents/rules';
import { outcomeQuery, type UploadOutcome } from '@/lib/documents/upload-outcome';

/** What the upload route and the direct-upload routes answer a script (JSON). */
interface FileOutcome {
  accepted: number;
  refusals: Array<{ reason: RefusalReason; name: string }>;
}

interface FileProgress {
  name: string;
  percent: number;
  /** Set once the file's outcome is known: what the live region said about it. */
  result?: string;
  refused?: boolean;
}

/** Types the bucket may take straight from the browser; any other goes through the app. */
const DIRECT_TYPES: readonly string[] = SIGNATURES.map((s) => s.contentType);

/** POST with upload progress (fetch reports none); status 0 when the connection failed. */
function post(
  url: string,
  body: FormData,
  headers: Record<string, string>,
  onProgress: (percent: number) => void,
): Promise<{ status: number; text: string }> {
  return new Promise((resolve) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    for (const [name, value] of Object.entries(headers)) xhr.setRequestHeader(name, value);
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(Math.floor((event.loaded / event.total) * 100));
    };
    xhr.onload = () => resolve({ status: xhr.status, text: xhr.responseText });
    xhr.onerror = xhr.onabort = xhr.ontimeout = () => resolve({ status: 0, text: '' });
    xhr.send(body);
  });
}

function parseOutcome(text: string): FileOutcome | null {
  try {
    const value = JSON.parse(text) as Partial<FileOutcome>;
    if (typeof value.accepted !== 'number' || !Array.isArray(value.refusals)) return null;
    return { accepted: value.accepted, refusals: value.refusals };
  } catch {
    return null;
  }
}

const noSubscription = () => () => {};

const JSON_HEADERS = { 'Content-Type': 'application/json', Accept: 'application/json' };

/**
 * The Documents step's upload form, enhanced (issue 17). Without JavaScript it is the plain
 * form, posting every chosen file to the upload route (303 back to the step). With it, each file
 * is sent on its own with a progress bar (a labelled <progress>), its outcome said in a polite
 * live region, and the step refreshed in place with the outcome once all are done (the same
 * query the plain form's 303 carries): no page reload.
 *
 * With `direct` (STORAGE_DRIVER=s3) a PDF, JPEG or PNG goes straight to the bucket: the app
 * gives a presigned POST and a ticket, the browser posts the file to the bucket, then hands the
 * ticket back and the app checks the object before recording it (DOC-05). A file whose type the
 * browser does not know goes through the app's route, checked by content all the same.
 */
export function DocumentUploadForm({
  action,
  presignAction,
  completeAction,
  direct,
  item,
  children,
}: {
  action: string;
  presignAction: string;
  completeAction: string;
  direct: boolean;
  item: string;
  children: ReactNode;
}) {
  const t = useTranslations('Documents');
  const router = useRouter();
  const pathname = usePathname();
  const id = useId();
  const [files, setFiles] = useState<FileProgress[]>([]);
  const [announcement, setAnnouncement] = useState('');
  const [busy, setBusy] = useState(false);
  // True once hydrated (false in the server's HTML): says so on the form, for tests and styles.
  const enhanced = useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );

  const update = (index: number, change: Partial<FileProgress>) =>
    setFiles((all) => all.map((f, i) => (i === index ? { ...f, ...change } : f)));

  /** The connection broke: the file did not arrive whole. */
  const failed = (file: File): FileOutcome => ({
    accepted: 0,
    refusals: [{ reason: 'unreadable', name: file.name }],
  });

  /** Through the app's route, as the plain form does (one file per request). */
  async function viaApp(file: File, index: number): Promise<FileOutcome | null> {
    const body = new FormData();
    body.append('files', file);
    const answer = await post(action, body, { Accept: 'application/json' }, (percent) =>
      update(index, { percent }),
    );
    return answer.status === 0 ? failed(file) : parseOutcome(answer.text);
  }

  /** Straight to the bucket, then the app checks what arrived. */
  async function viaBucket(file: File, index: number): Promise<FileOutcome | null> {
    const presigned = await fetch(presignAction, {
      method: 'POST',
      headers: JSON_HEADERS,
      body: JSON.stringify({ item, name: file.name, size: file.size, type: file.type }),
    }).catch(() => null);
    if (!presigned) return failed(file);
    if (presigned.status === 422) return viaApp(file, index);
    const text = await presigned.text();
    if (presigned.status !== 200) return parseOutcome(text);
    const { url, fields, ticket } = JSON.parse(text) as {
      url: string;
      fields: Record<string, string>;
      ticket: string;
    };
    const body = new FormData();
    for (const [name, value] of Object.entries(fields)) body.append(name, value);
    body.append('file', file);
    const sent = await post(url, body, {}, (percent) => update(index, { percent }));
    if (sent.status < 200 || sent.status > 299) return failed(file);
    const completed = await fetch(completeAction, {
      method: 'POST',
      headers: JSON_HEADERS,
      body: JSON.stringify({ ticket }),
    }).catch(() => null);
    return completed ? parseOutcome(await completed.text()) : failed(file);
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    const form = event.currentTarget;
    const chosen = Array.from(
      form.querySelector<HTMLInputElement>('input[type=file]')?.files ?? [],
    );
    // No file: the plain form's answer ("choose at least one file") is the right one.
    if (chosen.length === 0) return;
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    setFiles(chosen.map((f) => ({ name: f.name, percent: 0 })));
    setAnnouncement('');
    const total: UploadOutcome = { item, accepted: 0, refusals: [] };
    for (const [index, file] of chosen.entries()) {
      const outcome =
        direct && DIRECT_TYPES.includes(file.type)
          ? await viaBucket(file, index)
          : await viaApp(file, index);
      if (!outcome) {
        // Not an outcome (signed out, submitted meanwhile, not found): the plain form's answer
        // leads to the right page.
        form.submit();
        return;
      }
      total.accepted += outcome.accepted;
      total.refusals.push(...outcome.refusals);
      const refusal = outcome.refusals[0];
      const result = refusal
        ? t(`errors.${refusal.reason}`, refusalMessageValues(refusal.name))
        : t('progress.uploaded', { name: file.name });
      update(index, { percent: 100, result, refused: Boolean(refusal) });
      setAnnouncement(result);
    }
    form.reset();
    setBusy(false);
    router.replace(`${pathname}?${outcomeQuery(total)}#item-${item}`, { scroll: false });
  }

  return (
    <>
      <form
        method="post"
        encType="multipart/form-data"
        action={action}
        onSubmit={onSubmit}
        aria-busy={busy || undefined}
        data-enhanced={enhanced || undefined}
      >
        {children}
      </form>
      {files.length > 0 ? (
        <ul className="mt-3 space-y-2">
          {files.map((f, index) => (
            <li key={`${index}-${f.name}`}>
              <label htmlFor={`${id}-${index}`} className="block">
                {t('progress.label', { name: f.name })}
              </label>
              <progress
                id={`${id}-${index}`}
                max={100}
                value={f.percent}
                className="h-3 w-full max-w-md"
              />{' '}
              <span aria-hidden="true">{t('progress.percent', { percent: f.percent })}</span>
              {f.result ? (
                <p className={f.refused ? 'font-semibold text-error' : ''}>{f.result}</p>
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}
      <div aria-live="polite" className="sr-only">
        {announcement}
      </div>
    </>
  );
}
