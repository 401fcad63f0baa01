import { internalPath } from '@/lib/i18n/navigation';

/**
 * Where to send someone after sign-in: only a same-origin path of this portal (LOG-08).
 * Rejects absolute URLs, protocol-relative `//host`, backslash tricks and unknown paths.
 */
export function safeCallbackPath(value: unknown): string | null {
  if (typeof value !== 'string' || value.length === 0 || value.length > 512) return null;
  if (!value.startsWith('/') || value.startsWith('//') || value.includes('\\')) return null;
  if (/[\u0000-\u001f\u007f]/.test(value)) return null;
  let url: URL;
  try {
    url = new URL(value, 'http://portal.invalid');
  } catch {
    return null;
  }
  if (url.origin !== 'http://portal.invalid') return null;
  const route = internalPath(url.pathname);
  if (!route) return null;
  // Going back to the login or account-creation pages after signing in makes no sense.
  if (['/', '/login', '/create-account', '/activate'].includes(route.pathname)) return null;
  return url.pathname + url.search;
}
