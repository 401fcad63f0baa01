/**
 * What a browser WITH JavaScript sends when it submits the login form: the server-action fetch
 * (`next-action`, `next-router-state-tree`, the React-encoded multipart body). Captured once from
 * Chromium (playwright-core, Debian's /usr/bin/chromium), then replayed by the load tool with
 * another account's email in the body.
 */
import { chromium } from 'playwright-core';
import { LOGIN_PATH, SESSION_COOKIE } from './forms';
import { CHROMIUM_LAUNCH } from '../tests/e2e/support/chromium';

export interface CapturedAction {
  path: string;
  /** Request headers to replay (no cookie, host, length or client address). */
  headers: Record<string, string>;
  /** The body with the email replaced by EMAIL_MARK. */
  bodyTemplate: string;
  /** What the browser got back. */
  status: number;
  responseHeaders: Record<string, string>;
}

export const EMAIL_MARK = '\u0000EMAIL\u0000';

const DROP = new Set(['cookie', 'host', 'content-length', 'connection', 'x-real-ip']);

export async function captureJsLogin(
  base: string,
  email: string,
  password: string,
  ip: string,
): Promise<CapturedAction> {
  const browser = await chromium.launch(CHROMIUM_LAUNCH);
  try {
    const context = await browser.newContext({ extraHTTPHeaders: { 'x-real-ip': ip } });
    const page = await context.newPage();
    await page.goto(base + LOGIN_PATH, { waitUntil: 'networkidle' });
    await page.fill('input[name="email"]', email);
    await page.fill('input[name="password"]', password);
    const [req] = await Promise.all([
      page.waitForRequest((r) => r.method() === 'POST' && Boolean(r.headers()['next-action']), {
        timeout: 20_000,
      }),
      page.click('button[type="submit"]'),
    ]);
    const res = await req.response();
    if (!res) throw new Error('the server-action request got no response');
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(await req.allHeaders())) {
      if (!DROP.has(name.toLowerCase()) && !name.startsWith(':')) headers[name] = value;
    }
    const body = req.postDataBuffer()?.toString('utf8') ?? '';
    if (!body.includes(email)) throw new Error('the captured body does not hold the email');
    const responseHeaders = await res.allHeaders();
    if (!String(responseHeaders['set-cookie'] ?? '').includes(`${SESSION_COOKIE}=`)) {
      throw new Error(`the browser's sign-in set no session cookie (status ${res.status()})`);
    }
    return {
      path: new URL(req.url()).pathname,
      headers,
      bodyTemplate: body.split(email).join(EMAIL_MARK),
      status: res.status(),
      responseHeaders,
    };
  } finally {
    await browser.close();
  }
}
