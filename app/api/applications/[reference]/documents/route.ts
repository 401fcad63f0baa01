import { Readable } from 'node:stream';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import busboy from 'busboy';
import { isReference } from '@/lib/applications/paths';
import { stepNumber } from '@/lib/applications/route-access';
import { findTypeByPrefix } from '@/lib/applications/catalogue';
import { getCurrentUser } from '@/lib/auth/session';
import { MAX_FILE_BYTES, MAX_FILES_PER_APPLICATION } from '@/lib/documents/rules';
import { documentDeps } from '@/lib/documents/runtime';
import {
  findUploadTarget,
  uploadDocument,
  type UploadResult,
} from '@/lib/documents/upload-document';
import { outcomeQuery, type UploadOutcome } from '@/lib/documents/upload-outcome';
import { isFormNavigation, outcomeResponse, plainText } from '@/lib/documents/upload-request';
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

/**
 * The Documents step's upload: `multipart/form-data` with one or several files for one
 * checklist item, streamed part by part with busboy (never request.formData(), which holds whole
 * files in memory), each file through uploadDocument. Signed in, registered and the
 * application's owner, checked here on the server; same-origin only (CSRF-02); the item must be
 * in this application's checklist (its `when` applied to the answers).
 *
 * A browser's form navigation (the plain form, without JavaScript) gets 303s: back to the step
 * with the outcome (how many were accepted, each refusal's reason and cleaned name), or to the
 * sign-in or registration page. Any other request (the step's script, a program) gets a status
 * and a short answer instead (DOC-04): 201, or 400 / 409 / 413 / 415 for a refusal, 404 for an
 * application or item that is not the asker's, 401 / 403 without a session or from elsewhere.
 */
export async function POST(
  request: Request,
  { params }: { params: Promise<{ reference: string }> },
): Promise<Response> {
  const url = new URL(request.url);
  const asked = url.searchParams.get('locale');
  const locale: Locale = asked && isLocale(asked) ? asked : 'fr';
  const item = url.searchParams.get('item') ?? '';
  const form = isFormNavigation(request.headers);
  const accept = request.headers.get('accept');
  const { reference } = await params;
  const notFound = () => plainText(404, 'Not found');
  const type = isReference(reference) ? findTypeByPrefix(reference.slice(0, 3)) : null;
  if (!type || !type.documents.some((d) => d.key === item)) return notFound();
  const back = (outcome: UploadOutcome) =>
    form
      ? seeOther(
          `${localizedDynamicPath(
            '/building-code-services/applications/[reference]/step/[step]',
            locale,
            { reference, step: stepNumber(type, 'documents') },
          )}?${outcomeQuery(outcome)}#item-${item}`,
        )
      : outcomeResponse(outcome, accept);
  const elsewhere = (path: Parameters<typeof localizedPath>[0], status: number, text: string) =>
    form ? seeOther(localizedPath(path, locale)) : plainText(status, text);

  if (!isSameOriginRequest(request.headers))
    return form
      ? back({ item, accepted: 0, refusals: [], formError: 'expired' })
      : plainText(403, 'Cross-site request refused');
  const user = await getCurrentUser();
  if (!user) return elsewhere('/login', 401, 'Sign in first');
  if (user.passwordChangeRequired)
    return elsewhere('/settings/password', 403, 'Change your password first');
  const deps = await documentDeps();
  const state = await getRegistrationState(deps.db, user.id);
  if (state !== 'registered') return elsewhere(STEP_PATH[state], 403, 'Register first');
  // The owner's application, and an item of its checklist: anything else is not found.
  if (!(await findUploadTarget(deps.db, { userId: user.id, reference, item }))) return notFound();
  const contentType = request.headers.get('content-type') ?? '';
  if (!contentType.startsWith('multipart/form-data') || !request.body)
    return plainText(415, 'Expected multipart/form-data');

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
    if (results.length === 0) return plainText(400, 'Bad request');
  }

  if (results.some((r) => r.status === 'not_editable'))
    return form
      ? seeOther(
          localizedDynamicPath('/building-code-services/applications/[reference]', locale, {
            reference,
          }),
        )
      : plainText(409, 'The application can no longer change');
  // Not an item of this application's checklist (its `when` does not hold for the answers).
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
