import 'server-only';
import { isReference } from '@/lib/applications/paths';
import { getCurrentUser } from '@/lib/auth/session';
import { isSameOriginRequest } from '@/lib/forms/form-action';
import { getRegistrationState } from '@/lib/registration/registration-state';
import { documentDeps } from './runtime';
import type { DocumentDeps } from './upload-document';
import { plainText } from './upload-request';

/** The most a JSON request of the direct upload may hold (a name, a size, a type, a ticket). */
const MAX_JSON_BYTES = 4096;

/**
 * What the direct-upload routes check before anything else: same origin (CSRF-02), a session
 * without a pending password change, a registered resident, and a small JSON body. Answers a
 * plain-text 4xx otherwise; ownership and the checklist item are the domain functions' checks.
 */
export async function guardJsonUpload(
  request: Request,
  reference: string,
): Promise<Response | { userId: string; deps: DocumentDeps; body: Record<string, unknown> }> {
  if (!isReference(reference)) return plainText(404, 'Not found');
  if (!isSameOriginRequest(request.headers)) return plainText(403, 'Cross-site request refused');
  const user = await getCurrentUser();
  if (!user) return plainText(401, 'Sign in first');
  if (user.passwordChangeRequired) return plainText(403, 'Change your password first');
  const deps = await documentDeps();
  if ((await getRegistrationState(deps.db, user.id)) !== 'registered')
    return plainText(403, 'Register first');
  if (!(request.headers.get('content-type') ?? '').startsWith('application/json'))
    return plainText(415, 'Expected application/json');
  const text = await request.text();
  if (text.length > MAX_JSON_BYTES) return plainText(413, 'Too large');
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return plainText(400, 'Bad request');
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    return plainText(400, 'Bad request');
  return { userId: user.id, deps, body: body as Record<string, unknown> };
}
