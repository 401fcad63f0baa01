/**
 * The portal's public base URL, the only source of links in emails (MAIL-01): never the Host or
 * X-Forwarded-Host header of a request.
 */
export function appUrl(env: NodeJS.ProcessEnv = process.env): string {
  const value = env.APP_URL;
  if (value) return value.replace(/\/+$/, '');
  if (env.NODE_ENV === 'production') throw new Error('APP_URL must be set in production');
  return 'http://localhost:3000';
}
