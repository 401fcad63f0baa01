import { Readable } from 'node:stream';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import busboy from 'busboy';
import { isReference } from '@/lib/applications/paths';
import { ownsApplication, stepNumber } from '@/lib/applications/route-access';
import { findTypeByPrefix } from '@/lib/applications/catalogue';
import { getCurrentUser } from '@/lib/auth/session';
import { MAX_FILE_BYTES, MAX_FILES_PER_APPLICATION } from '@/lib/documents/rules';
import { documentDeps } from '@/lib/documents/runtime';
import { uploadDocument, type UploadResult } from '@/lib/documents/upload-document';
import { outcomeQuery, type UploadOutcome } from '@/lib/documents/upload-outcome';
import { isSameOriginRequest } from '@/lib/forms/form-action';
import { localizedDynamicPath, localizedPath } from '@/lib/i18n/navigation';
import { isLocale, type Locale } from '@/lib/i18n/routing';
import { getRegistrationState } from '@/lib/registration/registration-state';
import { STEP_PATH } from '@/lib/registration/steps';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

const noStore = { 'Cache-Control': 'no-store' };
const seeOther = (location: string) =>
  new Response(null, { status: 303, headers: { ...noStore, Location: location } });
const notFound = () => new Response('Not found', { status: 404, headers: noStore });

/**
 * The Documents step's plain form (it works without JavaScript): `multipart/form-data` with
 * one or several files for one checklist item, streamed part by part with busboy (never
 * request.formData(), which holds whole files in memory), each file through uploadDocument.
 * Signed in, registered and the application's owner, checked here on the server; same-origin
 * only (CSRF-02). Answers 303 back to the step with the outcome: how many were accepted, and
 * each refusal's reason and cleaned name.
 */
export async function POST(
  request: Request,
  { params }: { params: Promise<{ reference: string }> },
): Promise<Response> {
  const url = new URL(request.url);
  const asked = url.searchParams.get('locale');
  const locale: Locale = asked && isLocale(asked) ? asked : 'fr';
  const item = url.searchParams.get('item') ?? '';
  const { reference } = await params;
  const type = isReference(reference) ? findTypeByPrefix(reference.slice(0, 3)) : null;
  if (!type || !type.documents.some((d) => d.key === item)) return notFound();
  const back = (outcome: UploadOutcome) =>
    seeOther(
      `${localizedDynamicPath(
        '/building-code-services/applications/[reference]/step/[step]',
        locale,
        { reference, step: stepNumber(type, 'documents') },
      )}?${outcomeQuery(outcome)}#item-${item}`,
    );

  if (!isSameOriginRequest(request.headers))
    return back({ item, accepted: 0, refusals: [], formError: 'expired' });
  const user = await getCurrentUser();
  if (!user) return seeOther(localizedPath('/login', locale));
  if (user.passwordChangeRequired) return seeOther(localizedPath('/settings/password', locale));
  const deps = await documentDeps();
  const state = await getRegistrationState(deps.db, user.id);
  if (state !== 'registered') return seeOther(localizedPath(STEP_PATH[state], locale));
  if (!(await ownsApplication(deps.db, user.id, reference))) return notFound();
  const contentType = request.headers.get('content-type') ?? '';
  if (!contentType.startsWith('multipart/form-data') || !request.body)
    return new Response('Expected multipart/form-data', { status: 415, headers: noStore });

  const results: UploadResult[] = [];
  let chosen = 0;
  try {
    await new Promise<void>((resolve, reject) => {
      const parser = busboy({
        headers: { 'content-type': contentType },
        // Browsers send file names as raw UTF-8; busboy's default would read them as Latin-1.
        defParamCharset: 'utf8',
        // One byte past the limit reaches the store, which refuses the file as too big.
        limits: {
          fileSize: MAX_FILE_BYTES + 1,
          files: MAX_FILES_PER_APPLICATION + 1,
          fields: 5,
          parts: MAX_FILES_PER_APPLICATION + 6,
        },
      });
      // One file at a time, in the order sent; busboy waits while a file is not read.
      let queue = Promise.resolve();
      parser.on('file', (name, file, info) => {
        const fileName = info.filename;
        if (name !== 'files' || !fileName) {
          file.resume();
          return;
        }
        chosen += 1;
        queue = queue.then(async () => {
          const result = await uploadDocument(deps, {
            userId: user.id,
            reference,
            item,
            fileName,
            stream: file,
          });
          file.resume();
          results.push(result);
        });
        queue.catch(() => file.resume());
      });
      parser.on('error', reject);
      parser.on('close', () => queue.then(resolve, reject));
      Readable.fromWeb(request.body as NodeReadableStream<Uint8Array>)
        .on('error', reject)
        .pipe(parser);
    });
  } catch (error) {
    // The connection broke mid-upload, or the body was not valid multipart.
    console.error('[documents] upload failed:', (error as Error).message);
    if (results.length === 0) return new Response('Bad request', { status: 400, headers: noStore });
  }

  if (results.some((r) => r.status === 'not_editable'))
    return seeOther(
      localizedDynamicPath('/building-code-services/applications/[reference]', locale, {
        reference,
      }),
    );
  if (results.some((r) => r.status === 'not_found')) return notFound();
  return back({
    item,
    accepted: results.filter((r) => r.status === 'stored').length,
    refusals: results.flatMap((r) =>
      r.status === 'refused' ? [{ reason: r.reason, name: r.name }] : [],
    ),
    formError: chosen === 0 ? 'no_file' : undefined,
  });
}
