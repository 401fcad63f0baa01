import type {
  APIRequestContext,
  APIResponse,
  Browser,
  BrowserContext,
  Cookie,
  Page,
} from '@playwright/test';
import emailFr from '../../emails/messages/fr.json';
import { STATIC_SECURITY_HEADERS } from '../../lib/security/headers';
import {
  BASE_URL,
  MESSAGES,
  PASSWORD,
  activationLink,
  createActiveAccount,
  expect,
  fillCreateAccount,
  mailCount,
  serverErrorsDuring,
  signIn,
  test,
  uniqueEmail,
  uniqueIp,
  waitForHydration,
  waitForMail,
  plain,
} from './support/fixtures';

/**
 * Black-box checks of docs SECURITY.md, each test named by behaviour with its row id.
 * Every test asserts something that would fail if the protection it names were removed.
 */

const SESSION_COOKIE = '__Host-monso.session';
const PENDING_EMAIL_COOKIE = '__Host-monso.pending-email';
const FR = MESSAGES.fr;
const EN = MESSAGES.en;
const WRONG_PASSWORD = 'a wrong passphrase here';

// ---------------------------------------------------------------------------------------------
// Helpers

/** A browser context of its own, with its own trusted client IP (per-IP limits stay apart). */
async function newContext(browser: Browser, options: Parameters<Browser['newContext']>[0] = {}) {
  return browser.newContext({
    ...options,
    extraHTTPHeaders: { 'x-real-ip': uniqueIp(), ...options.extraHTTPHeaders },
  });
}

/** Creates and activates an account in a throwaway context; returns its address. */
async function newActiveAccount(browser: Browser, tag: string): Promise<string> {
  const context = await newContext(browser);
  try {
    return await createActiveAccount(await context.newPage(), 'fr', uniqueEmail(tag));
  } finally {
    await context.close();
  }
}

async function sessionCookie(context: BrowserContext): Promise<Cookie | undefined> {
  return (await context.cookies()).find((c) => c.name === SESSION_COOKIE);
}

/** The same cookie, for another browser (host-only: domain as stored, no leading dot). */
function cookieForAnotherBrowser(cookie: Cookie): Cookie {
  return { ...cookie };
}

async function signInFr(page: Page, email: string) {
  await page.goto('/fr/connexion');
  await signIn(page, 'fr', email);
  await expect(page).toHaveURL('/fr/tableau-de-bord');
}

async function signOutFr(page: Page) {
  await page
    .getByRole('navigation', { name: FR.Layout.mainNav })
    .getByRole('button', { name: FR.Layout.nav.logout })
    .click();
  await expect(page).toHaveURL('/fr/connexion?notice=signedOut');
}

/** The CSP header as a directive → value map. */
function cspDirectives(header: string | undefined): Map<string, string> {
  const map = new Map<string, string>();
  for (const part of (header ?? '').split(';')) {
    const [name, ...values] = part.trim().split(/\s+/);
    if (name) map.set(name.toLowerCase(), values.join(' '));
  }
  return map;
}

/** HDR-01, HDR-02 (header part) and the nosniff half of HDR-03; returns the CSP nonce. */
function expectSecurityHeaders(headers: Record<string, string>, where: string): string {
  expect(headers['strict-transport-security'], `HSTS on ${where}`).toBe(
    'max-age=31536000; includeSubDomains',
  );
  expect(headers['x-content-type-options'], `nosniff on ${where}`).toBe('nosniff');
  const csp = cspDirectives(headers['content-security-policy']);
  const scriptSrc = csp.get('script-src') ?? '';
  const nonce = /'nonce-([A-Za-z0-9+/=_-]{16,})'/.exec(scriptSrc)?.[1];
  expect(nonce, `a script nonce in the CSP of ${where}`).toBeTruthy();
  expect(scriptSrc, `script-src of ${where}`).not.toContain("'unsafe-inline'");
  expect(scriptSrc, `script-src of ${where}`).not.toContain("'unsafe-eval'");
  expect(csp.get('object-src'), `object-src on ${where}`).toBe("'none'");
  expect(csp.get('base-uri'), `base-uri on ${where}`).toBe("'none'");
  expect(csp.get('frame-ancestors'), `frame-ancestors on ${where}`).toBe("'none'");
  return nonce!;
}

/** Every <script> of the HTML carries the nonce of the response's CSP. */
function expectScriptsNonced(html: string, nonce: string, where: string) {
  const scripts = html.match(/<script\b[^>]*>/gi) ?? [];
  expect(scripts.length, `scripts on ${where}`).toBeGreaterThan(0);
  for (const tag of scripts) expect(tag, `a script on ${where}`).toContain(`nonce="${nonce}"`);
}

/** The src/href of every <script>, <link> and <img>; none may point to another origin. */
function externalResources(html: string): string[] {
  const found: string[] = [];
  for (const tag of html.match(/<(?:script|link|img)\b[^>]*>/gi) ?? []) {
    for (const [, , value] of tag.matchAll(/\s(src|href|srcset)\s*=\s*"([^"]*)"/gi)) {
      for (const candidate of value!.split(',').map((v) => v.trim().split(/\s+/)[0]!)) {
        if (/^(?:[a-z][a-z0-9+.-]*:)?\/\//i.test(candidate)) {
          if (new URL(candidate, BASE_URL).origin !== BASE_URL) found.push(candidate);
        }
      }
    }
  }
  return found;
}

/** One Set-Cookie line parsed: name, value and lower-cased attributes. */
function parseSetCookie(line: string) {
  const [pair, ...rest] = line.split(';').map((p) => p.trim());
  const eq = pair!.indexOf('=');
  const attributes = new Map<string, string>();
  for (const attribute of rest) {
    const i = attribute.indexOf('=');
    if (i < 0) attributes.set(attribute.toLowerCase(), '');
    else attributes.set(attribute.slice(0, i).toLowerCase(), attribute.slice(i + 1));
  }
  return { name: pair!.slice(0, eq), value: pair!.slice(eq + 1), attributes };
}

/** The session cookies a response sets with a value (a cleared cookie has an empty one). */
function sessionCookiesSet(response: APIResponse): string[] {
  return response
    .headersArray()
    .filter((h) => h.name.toLowerCase() === 'set-cookie')
    .map((h) => parseSetCookie(h.value))
    .filter((c) => c.name.startsWith(SESSION_COOKIE) && c.value !== '')
    .map((c) => c.value);
}

/**
 * The hidden `$ACTION_…` fields of "Créez votre compte" as a browser without JavaScript gets
 * them: the server action's multipart form, which anyone can replay.
 */
async function noJsCreateAccountFields(browser: Browser): Promise<Record<string, string>> {
  const context = await browser.newContext({ javaScriptEnabled: false });
  try {
    const page = await context.newPage();
    await page.goto('/fr/creer-un-compte');
    const fields = await page
      .locator('main form input[type=hidden]')
      .evaluateAll((inputs) =>
        inputs.map((i) => [(i as HTMLInputElement).name, (i as HTMLInputElement).value]),
      );
    const hidden = Object.fromEntries(fields.filter(([name]) => name!.startsWith('$ACTION_')));
    expect(Object.keys(hidden).length, 'the no-JS form has its $ACTION_ fields').toBeGreaterThan(0);
    return hidden;
  } finally {
    await context.close();
  }
}

/** POSTs the no-JS create-account form for `email`, with the given headers; no redirect followed. */
function postCreateAccount(
  request: APIRequestContext,
  hidden: Record<string, string>,
  email: string,
  headers: Record<string, string>,
): Promise<APIResponse> {
  return request.post('/fr/creer-un-compte', {
    multipart: {
      ...hidden,
      email,
      emailConfirm: email,
      password: PASSWORD,
      passwordConfirm: PASSWORD,
      acceptTerms: 'on',
    },
    headers: { 'x-real-ip': uniqueIp(), ...headers },
    maxRedirects: 0,
  });
}

const CHECK_EMAIL_PATH = '/fr/creer-un-compte/verifiez-vos-courriels';

// ---------------------------------------------------------------------------------------------

/** An active account shared by the tests that only sign in and out with it. */
let account = '';
test.beforeAll(async ({ browser }) => {
  account = await newActiveAccount(browser, 'sec');
});

test('HDR-01, HDR-02, HDR-03: login, activation and dashboard pages send HSTS, a nonce CSP, nosniff, a strict Referrer-Policy; token and signed-in pages are not cached', async ({
  page,
}) => {
  // The login page.
  const login = (await page.goto('/fr/connexion'))!;
  const loginNonce = expectSecurityHeaders(login.headers(), 'the login page');
  expect(login.headers()['referrer-policy']).toBe('strict-origin-when-cross-origin');
  expectScriptsNonced(await login.text(), loginNonce, 'the login page');
  // A nonce is per response, never reused.
  const again = (await page.goto('/fr/connexion'))!;
  expect(expectSecurityHeaders(again.headers(), 'the login page')).not.toBe(loginNonce);

  // The activation page (token in the URL).
  const email = uniqueEmail('hdr');
  await page.goto('/fr/creer-un-compte');
  await fillCreateAccount(page, 'fr', { email });
  await expect(page).toHaveURL(CHECK_EMAIL_PATH);
  const link = activationLink(await waitForMail(email));
  const requested: string[] = [];
  page.on('request', (r) => requested.push(r.url()));
  const activation = (await page.goto(link))!;
  const headers = activation.headers();
  const activationNonce = expectSecurityHeaders(headers, 'the activation page');
  // The token must never leave in a Referer to another site. SECURITY.md says `no-referrer`;
  // the app sends `same-origin` (still no Referer to any other origin), because `no-referrer`
  // makes the browser send `Origin: null` on the page's own no-JS form POST, which the server
  // action origin check refuses (see no-javascript.spec.ts).
  expect(headers['referrer-policy']).toMatch(/^(no-referrer|same-origin)$/);
  expect(headers['cache-control']).toContain('no-store');
  const html = await activation.text();
  expectScriptsNonced(html, activationNonce, 'the activation page');
  expect(externalResources(html), 'third-party resources on the activation page').toEqual([]);
  await waitForHydration(page, 'fr');
  expect(
    requested.filter((url) => new URL(url).origin !== BASE_URL),
    'requests to other origins from the activation page',
  ).toEqual([]);

  // The dashboard, signed in.
  await page.getByLabel(FR.ActivatePage.password, { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: FR.ActivatePage.submit }).click();
  await expect(page).toHaveURL('/fr/tableau-de-bord?notice=activated');
  const dashboard = (await page.goto('/fr/tableau-de-bord'))!;
  expect(dashboard.status()).toBe(200);
  await expect(page.getByRole('heading', { level: 1, name: FR.DashboardPage.title })).toBeVisible();
  const dashboardNonce = expectSecurityHeaders(dashboard.headers(), 'the dashboard');
  expect(dashboard.headers()['referrer-policy']).toBe('strict-origin-when-cross-origin');
  expect(dashboard.headers()['cache-control']).toContain('no-store');
  expectScriptsNonced(await dashboard.text(), dashboardNonce, 'the dashboard');
});

test('HDR-02: an inline script or event handler injected without the nonce does not run; the same script with the nonce does', async ({
  page,
}) => {
  const refused: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) refused.push(message.text());
  });
  await page.addInitScript(() => {
    const w = window as unknown as { violations: string[] };
    w.violations = [];
    document.addEventListener('securitypolicyviolation', (e) =>
      w.violations.push(e.effectiveDirective),
    );
  });
  const violations = () =>
    page.evaluate(() => (window as unknown as { violations: string[] }).violations);

  // Stored/reflected XSS: the server's own page with one more <script> in its HTML, without the
  // nonce. The response keeps the server's CSP header. A second copy carries the right nonce (the
  // control: same injection, same page, only the nonce differs).
  let withNonce = false;
  await page.route(
    (url) => url.pathname === '/fr/connexion',
    async (route) => {
      const response = await route.fetch();
      const nonce = /'nonce-([^']+)'/.exec(response.headers()['content-security-policy'] ?? '')![1];
      const attribute = withNonce ? ` nonce="${nonce}"` : '';
      const flag = withNonce ? 'injectedWithNonce' : 'injectedWithoutNonce';
      const body = (await response.text()).replace(
        '<head>',
        `<head><script${attribute}>window.${flag} = true;</script>`,
      );
      await route.fulfill({ response, body });
    },
  );
  await page.goto('/fr/connexion');
  await waitForHydration(page, 'fr');
  expect(await page.evaluate(() => 'injectedWithoutNonce' in window)).toBe(false);
  await expect.poll(violations).toContainEqual(expect.stringMatching(/^script-src/));
  expect(refused.join('\n')).toMatch(/inline script/i);

  // DOM XSS through markup: an inline event handler is refused too.
  await page.evaluate(() =>
    document.body.insertAdjacentHTML(
      'beforeend',
      '<img alt="" src="/nowhere.png" onerror="window.injectedHandler = true">',
    ),
  );
  await expect.poll(violations).toContainEqual('script-src-attr');
  expect(await page.evaluate(() => 'injectedHandler' in window)).toBe(false);

  withNonce = true;
  await page.goto('/fr/connexion');
  expect(await page.evaluate(() => 'injectedWithNonce' in window)).toBe(true);
  // Note: page.addScriptTag({ content }) is NOT a valid probe here. It inserts the script with
  // document.createElement from already-running code, and 'strict-dynamic' (rightly) trusts
  // scripts created by trusted scripts, so it runs: an attacker first needs script execution,
  // which the parser-inserted and event-handler cases above show the CSP denies.
});

test('SES-01: the session cookie is __Host-, HttpOnly, Secure, SameSite=Lax, Path=/, host-only, and lives at most 12 h', async ({
  page,
  context,
}) => {
  await page.goto('/fr/connexion');
  const post = page.waitForResponse(
    (r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/fr/connexion',
  );
  await signIn(page, 'fr', account);
  const response = await post;
  await expect(page).toHaveURL('/fr/tableau-de-bord');

  const lines = (await response.headerValues('set-cookie')).flatMap((v) => v.split('\n'));
  const session = lines.map(parseSetCookie).find((c) => c.name === SESSION_COOKIE && c.value);
  expect(session, `a ${SESSION_COOKIE} cookie in ${JSON.stringify(lines)}`).toBeTruthy();
  const attrs = session!.attributes;
  expect(session!.name.startsWith('__Host-')).toBe(true);
  expect(attrs.has('httponly'), 'HttpOnly').toBe(true);
  expect(attrs.has('secure'), 'Secure').toBe(true);
  expect(attrs.get('samesite')?.toLowerCase(), 'SameSite').toBe('lax');
  expect(attrs.get('path'), 'Path').toBe('/');
  expect(attrs.has('domain'), 'no Domain').toBe(false);
  // Documented deviation from "no Expires": the cookie dies with the 12-hour session (SES-03).
  const twelveHours = 12 * 60 * 60;
  if (attrs.has('max-age')) {
    expect(Number(attrs.get('max-age'))).toBeGreaterThan(0);
    expect(Number(attrs.get('max-age'))).toBeLessThanOrEqual(twelveHours);
  }
  if (attrs.has('expires')) {
    const seconds = (Date.parse(attrs.get('expires')!) - Date.now()) / 1000;
    expect(seconds).toBeLessThanOrEqual(twelveHours + 60);
  }

  // The browser stored it with those flags.
  const stored = await sessionCookie(context);
  expect(stored).toMatchObject({ path: '/', httpOnly: true, secure: true, sameSite: 'Lax' });
  expect(stored!.expires === -1 || stored!.expires <= Date.now() / 1000 + twelveHours + 60).toBe(
    true,
  );
  // HttpOnly: page scripts cannot read it.
  expect(await page.evaluate(() => document.cookie)).not.toContain(SESSION_COOKIE);
});

test('LOG-07: each sign-in issues a new session cookie; a planted one is replaced, not adopted', async ({
  page,
  context,
}) => {
  await page.goto('/fr/connexion');
  expect(await sessionCookie(context), 'no session cookie before sign-in').toBeUndefined();

  // Session fixation: a value planted before sign-in must not become the session.
  await context.addCookies([
    {
      name: SESSION_COOKIE,
      value: 'planted-by-someone-else',
      domain: 'localhost',
      path: '/',
      secure: true,
      httpOnly: true,
      sameSite: 'Lax',
    },
  ]);
  await page.goto('/fr/connexion');
  await signIn(page, 'fr', account);
  await expect(page).toHaveURL('/fr/tableau-de-bord');
  const first = (await sessionCookie(context))?.value;
  expect(first).toBeTruthy();
  expect(first).not.toBe('planted-by-someone-else');

  await signOutFr(page);
  expect((await sessionCookie(context))?.value ?? '', 'cleared on sign-out').toBe('');
  await signIn(page, 'fr', account);
  await expect(page).toHaveURL('/fr/tableau-de-bord');
  const second = (await sessionCookie(context))?.value;
  expect(second).toBeTruthy();
  expect(second).not.toBe(first);
});

test('SES-04: sign-out is a POST that revokes the session on the server; no GET signs out', async ({
  page,
  context,
  browser,
}) => {
  await signInFr(page, account);

  // No GET sign-out: the French path and Auth.js's built-in page are 404s.
  const get = await page.goto('/fr/deconnexion');
  expect(get?.status()).toBe(404);
  expect((await page.request.get('/api/auth/signout')).status()).toBe(404);
  await page.goto('/fr/tableau-de-bord');
  await expect(page).toHaveURL('/fr/tableau-de-bord');

  const saved = await sessionCookie(context);
  expect(saved).toBeTruthy();

  // Control: the copied cookie opens the dashboard in another browser while the session lives.
  const before = await newContext(browser);
  await before.addCookies([cookieForAnotherBrowser(saved!)]);
  const beforePage = await before.newPage();
  await beforePage.goto('/fr/tableau-de-bord');
  await expect(beforePage).toHaveURL('/fr/tableau-de-bord');
  await before.close();

  // The sign-out button submits a POST form.
  const form = page
    .getByRole('navigation', { name: FR.Layout.mainNav })
    .locator('form', { has: page.getByRole('button', { name: FR.Layout.nav.logout }) });
  const method = await form.evaluate((f) => (f as HTMLFormElement).method);
  expect(method).toBe('post');
  const logoutRequest = page.waitForRequest((r) => r.method() === 'POST');
  await signOutFr(page);
  expect((await logoutRequest).method()).toBe('POST');

  // The same (still unexpired, correctly signed) cookie in a new browser: refused, since the
  // server compares its session version with the database.
  const replay = await newContext(browser);
  await replay.addCookies([cookieForAnotherBrowser(saved!)]);
  const replayPage = await replay.newPage();
  await replayPage.goto('/fr/tableau-de-bord');
  await expect(replayPage).toHaveURL(/\/fr\/connexion\?callbackUrl=/);
  await expect(
    replayPage.getByRole('heading', { level: 1, name: FR.LoginPage.title }),
  ).toBeVisible();
  await replay.close();
});

test('LOG-08: a callbackUrl to another site is ignored (//host, absolute URL, /\\host, even posted with the form)', async ({
  page,
  context,
}) => {
  const offsite: string[] = [];
  await context.route(
    (url) => url.hostname.endsWith('evil.example'),
    (route) => {
      offsite.push(route.request().url());
      return route.fulfill({ status: 200, contentType: 'text/plain', body: 'evil' });
    },
  );
  for (const evil of ['//evil.example', 'https://evil.example/x', '/\\evil.example']) {
    await page.goto(`/fr/connexion?callbackUrl=${encodeURIComponent(evil)}`);
    await waitForHydration(page, 'fr');
    // The page drops it; an attacker's own page could still post it: add it to the form.
    await expect(page.locator('input[name=callbackUrl]')).toHaveCount(0);
    await page.locator('main form').evaluate((form, value) => {
      const input = document.createElement('input');
      input.type = 'hidden';
      input.name = 'callbackUrl';
      input.value = value;
      form.append(input);
    }, evil);
    await signIn(page, 'fr', account);
    await expect(page, `after sign-in with callbackUrl=${evil}`).toHaveURL('/fr/tableau-de-bord');
    await signOutFr(page);
  }
  expect(offsite).toEqual([]);
});

test('LOG-08: a same-site callbackUrl is honoured, including the one the middleware adds', async ({
  page,
}) => {
  // Signed out, a protected page sends to the login page with itself as callbackUrl.
  await page.goto('/fr/tableau-de-bord?vue=1');
  await expect(page).toHaveURL(
    `/fr/connexion?callbackUrl=${encodeURIComponent('/fr/tableau-de-bord?vue=1')}`,
  );
  await signIn(page, 'fr', account);
  await expect(page).toHaveURL('/fr/tableau-de-bord?vue=1');
  await signOutFr(page);

  // A path other than the default one: proves the redirect above is the callback, not a default.
  await page.goto(`/fr/connexion?callbackUrl=${encodeURIComponent('/en/dashboard')}`);
  await signIn(page, 'fr', account);
  await expect(page).toHaveURL('/en/dashboard');
});

test('DEP-01: x-middleware-subrequest does not skip the middleware: a protected page still redirects to login', async ({
  request,
}) => {
  for (const value of [
    'middleware:middleware:middleware:middleware:middleware',
    'src/middleware:src/middleware:src/middleware:src/middleware:src/middleware',
    'middleware',
  ]) {
    const response = await request.get('/fr/tableau-de-bord', {
      headers: { 'x-middleware-subrequest': value, 'x-real-ip': uniqueIp() },
      maxRedirects: 0,
    });
    expect(response.status(), `with x-middleware-subrequest: ${value}`).toBe(307);
    const location = new URL(response.headers()['location']!, BASE_URL);
    expect(location.pathname).toBe('/fr/connexion');
    // The callbackUrl and the CSP come from middleware.ts: proof that it ran (the page's own
    // database check would redirect too, but without either).
    expect(location.searchParams.get('callbackUrl')).toBe('/fr/tableau-de-bord');
    expect(response.headers()['content-security-policy']).toContain("'nonce-");
  }
});

test('CSRF-01: a replayed create-account action is refused from another origin, without Origin, or with a cross-site Sec-Fetch-Site', async ({
  browser,
  request,
}) => {
  const hidden = await noJsCreateAccountFields(browser);
  const attacks = {
    'Origin: https://evil.example': { origin: 'https://evil.example' },
    'no Origin header': {},
    'Origin: null': { origin: 'null' },
    'right Origin, Sec-Fetch-Site: cross-site': {
      origin: BASE_URL,
      'sec-fetch-site': 'cross-site',
    },
    'no Origin, Sec-Fetch-Site: same-site': { 'sec-fetch-site': 'same-site' },
  } satisfies Record<string, Record<string, string>>;

  // Observed: a foreign or `null` Origin is refused by middleware with 403, the check Next.js
  // itself would make (lib/security/request-guard.ts); with no Origin, or a Sec-Fetch-Site other
  // than same-origin, the action runs and our wrapper (lib/forms/form-action.ts) answers "page
  // expired" (200).
  const started = Date.now();
  const victims: Record<string, string> = {};
  for (const [name, headers] of Object.entries(attacks)) {
    const email = uniqueEmail('csrf');
    victims[name] = email;
    const response = await postCreateAccount(request, hidden, email, headers);
    expect(response.status(), name).not.toBe(303);
    expect(response.headers()['location'] ?? '', name).not.toContain(CHECK_EMAIL_PATH);
    expect(response.headers()['x-action-redirect'] ?? '', name).not.toContain(CHECK_EMAIL_PATH);
    if (response.status() === 200) {
      // Next.js let it through (no Origin): our action wrapper answered "page expired".
      expect(await response.text(), name).toContain(FR.Form.sessionExpired);
    }
  }

  // Control: the same replay from our own origin creates the account (so the replay is sound).
  const control = uniqueEmail('csrf-control');
  const ok = await postCreateAccount(request, hidden, control, {
    origin: BASE_URL,
    'sec-fetch-site': 'same-origin',
  });
  expect(ok.status()).toBe(303);
  expect(new URL(ok.headers()['location']!, BASE_URL).pathname).toBe(CHECK_EMAIL_PATH);
  const controlMail = await waitForMail(control);
  expect(controlMail.subject).toBe(emailFr.Activation.subject);

  // Mail is delivered in order: with the control's mail in, and 3 s gone, none will come.
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, 3_000 - (Date.now() - started))));
  for (const [name, email] of Object.entries(victims)) {
    expect(mailCount(email), `activation mail after a replay with ${name}`).toBe(0);
  }
});

test('CSRF-02: route handlers refuse cross-site posts; the Auth.js credentials callback needs its CSRF token', async ({
  request,
  playwright,
}) => {
  // The cron route: a cross-site form post is not authorized.
  const crossSite: Record<string, string>[] = [
    { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' },
    { origin: 'https://evil.example', authorization: 'Bearer not-the-secret' },
  ];
  for (const headers of crossSite) {
    const cron = await request.post('/api/cron/scheduled-jobs', {
      form: { drain: '1' },
      headers: { 'x-real-ip': uniqueIp(), ...headers },
    });
    expect([401, 403]).toContain(cron.status());
  }

  // Auth.js double-submit token: a cookie plus the same token in the form.
  const ip = uniqueIp();
  const csrf = await request.get('/api/auth/csrf', { headers: { 'x-real-ip': ip } });
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const csrfCookie = (await request.storageState()).cookies.find((c) =>
    c.name.endsWith('authjs.csrf-token'),
  );
  expect(csrfToken).toBeTruthy();
  expect(csrfCookie).toBeTruthy();
  const cookie = `${csrfCookie!.name}=${csrfCookie!.value}`;

  // Valid credentials of an active account, the cookie, but no token in the form → no session.
  const noToken = await request.post('/api/auth/callback/credentials', {
    form: { email: account, password: PASSWORD },
    headers: { 'x-real-ip': ip, cookie },
    maxRedirects: 0,
  });
  expect(sessionCookiesSet(noToken), 'session cookie without the CSRF token').toEqual([]);
  expect(noToken.headers()['location'] ?? '').toContain('MissingCSRF');
  // Nor with the token but no cookie, as a cross-site form post (SameSite=Lax keeps it home).
  const stranger = await playwright.request.newContext({ baseURL: BASE_URL });
  const noCookie = await stranger.post('/api/auth/callback/credentials', {
    form: { email: account, password: PASSWORD, csrfToken },
    headers: { 'x-real-ip': ip, origin: 'https://evil.example' },
    maxRedirects: 0,
  });
  expect(sessionCookiesSet(noCookie), 'session cookie without the CSRF cookie').toEqual([]);
  await stranger.dispose();

  // Control: cookie and token together, the same credentials do sign in.
  const withToken = await request.post('/api/auth/callback/credentials', {
    form: { email: account, password: PASSWORD, csrfToken },
    headers: { 'x-real-ip': ip, cookie },
    maxRedirects: 0,
  });
  expect(sessionCookiesSet(withToken), 'session cookie with the CSRF token').toHaveLength(1);
});

test('REG-01: creating an account for an address already activated looks exactly like a new one; the owner is told by mail', async ({
  browser,
}) => {
  async function register(email: string) {
    const context = await newContext(browser);
    try {
      const page = await context.newPage();
      await page.goto('/fr/creer-un-compte');
      await waitForHydration(page, 'fr');
      const post = page.waitForResponse((r) => r.request().method() === 'POST');
      await fillCreateAccount(page, 'fr', { email });
      const response = await post;
      await expect(
        page.getByRole('heading', { level: 1, name: FR.CheckEmailPage.title }),
      ).toBeVisible();
      return {
        status: response.status(),
        redirect: (await response.allHeaders())['x-action-redirect'] ?? null,
        url: page.url(),
        // Next.js streams the <title> of a dynamic page after its body: wait for it.
        title: await expect(page)
          .toHaveTitle(/\S/)
          .then(() => page.title()),
        main: (await page.locator('main').innerText()).replaceAll(email, '<adresse>'),
      };
    } finally {
      await context.close();
    }
  }

  const fresh = uniqueEmail('reg-new');
  const existingBefore = mailCount(account);
  const forNew = await register(fresh);
  const forExisting = await register(account);
  // A third try with the now pending address: the same again (REG-01 "unactivated" case).
  const forPending = await register(fresh);

  expect(forNew.url).toBe(`${BASE_URL}${CHECK_EMAIL_PATH}`);
  expect(forNew.main).toContain('<adresse>');
  expect(forExisting).toEqual(forNew);
  expect(forPending).toEqual(forNew);

  expect((await waitForMail(fresh, 1)).subject).toBe(emailFr.Activation.subject);
  expect((await waitForMail(fresh, 2)).subject).toBe(emailFr.Activation.subject);
  const notice = await waitForMail(account, existingBefore + 1);
  expect(notice.subject).toBe(emailFr.AccountExists.subject);
  expect(notice.text).not.toMatch(/\?token=/);
});

test('LOG-01: unknown email, wrong password and locked account get the same sign-in page, in FR and in EN', async ({
  page,
  browser,
}) => {
  const lockable = await newActiveAccount(browser, 'lock');

  async function attempt(locale: 'fr' | 'en', email: string, password: string) {
    await page.goto(locale === 'fr' ? '/fr/connexion' : '/en/login');
    await waitForHydration(page, locale);
    const post = page.waitForResponse((r) => r.request().method() === 'POST');
    await signIn(page, locale, email, password);
    const status = (await post).status();
    await expect(
      page.getByRole('alert', { name: MESSAGES[locale].ErrorSummary.title }),
    ).toBeVisible();
    return { status, url: page.url(), main: await page.locator('main').innerText() };
  }

  const fr = {
    unknown: await attempt('fr', uniqueEmail('nobody'), PASSWORD),
    wrong: await attempt('fr', lockable, WRONG_PASSWORD),
  };
  // Four more failures make five in a row: the account is locked for 15 minutes (LOG-03)…
  for (let i = 0; i < 4; i++) await attempt('fr', lockable, WRONG_PASSWORD);
  // …so even the right password is refused, with the same words.
  const frLocked = await attempt('fr', lockable, PASSWORD);
  expect(fr.unknown.main).toContain(FR.LoginPage.errors.invalid);
  expect(fr.wrong).toEqual(fr.unknown);
  expect(frLocked).toEqual(fr.unknown);

  const en = {
    unknown: await attempt('en', uniqueEmail('nobody'), PASSWORD),
    wrong: await attempt('en', account, WRONG_PASSWORD),
    locked: await attempt('en', lockable, PASSWORD),
  };
  expect(en.unknown.main).toContain(EN.LoginPage.errors.invalid);
  expect(en.wrong).toEqual(en.unknown);
  expect(en.locked).toEqual(en.unknown);
  expect(page.url()).not.toContain('tableau-de-bord');
});

test('REG-05: the 21st account creation from one IP within a minute is refused and sends no mail', async ({
  browser,
  request,
}) => {
  // A server action cannot answer 429: the "too many attempts" message on the page is the answer.
  const ip = uniqueIp();
  const hidden = await noJsCreateAccountFields(browser);
  const emails = Array.from({ length: 20 }, () => uniqueEmail('burst'));
  for (const email of emails) {
    const response = await postCreateAccount(request, hidden, email, {
      origin: BASE_URL,
      'x-real-ip': ip,
    });
    expect(response.status(), `creation ${emails.indexOf(email) + 1} of 20`).toBe(303);
  }

  // The 21st, through the page, from the same IP.
  const context = await browser.newContext({ extraHTTPHeaders: { 'x-real-ip': ip } });
  const page = await context.newPage();
  const refused = uniqueEmail('burst-21');
  await page.goto('/fr/creer-un-compte');
  await waitForHydration(page, 'fr');
  await fillCreateAccount(page, 'fr', { email: refused });
  const summary = page.getByRole('alert', { name: FR.ErrorSummary.title });
  await expect(summary).toContainText(FR.Form.tooManyRequests);
  await expect(page).toHaveURL('/fr/creer-un-compte');
  await context.close();

  // The 20th did get its mail; the 21st none.
  await waitForMail(emails[19]!);
  await new Promise((resolve) => setTimeout(resolve, 2_000));
  expect(mailCount(refused)).toBe(0);

  // Another IP is not affected.
  const other = uniqueEmail('burst-other-ip');
  const response = await postCreateAccount(request, hidden, other, { origin: BASE_URL });
  expect(response.status()).toBe(303);
});

test('PWD-06: password fields suit password managers: type=password, autocomplete, no maxlength, paste allowed, show/hide toggle', async ({
  page,
  context,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: BASE_URL });

  const fields = [
    { path: '/fr/connexion', id: 'password', autocomplete: 'current-password' },
    { path: '/fr/creer-un-compte', id: 'password', autocomplete: 'new-password' },
    { path: '/fr/creer-un-compte', id: 'passwordConfirm', autocomplete: 'new-password' },
  ];
  for (const field of fields) {
    await page.goto(field.path);
    await waitForHydration(page, 'fr');
    const input = page.locator(`input#${field.id}`);
    await expect(input).toHaveAttribute('type', 'password');
    await expect(input).toHaveAttribute('autocomplete', field.autocomplete);
    for (const attribute of ['maxlength', 'onpaste', 'oncopy', 'readonly']) {
      await expect(input, `${field.path} #${field.id}`).not.toHaveAttribute(attribute);
    }

    // A real paste (Ctrl/Cmd+V from the clipboard) lands in the field.
    const pasted = `collé depuis le gestionnaire ${field.id}`;
    await input.fill('');
    await page.evaluate((text) => navigator.clipboard.writeText(text), pasted);
    await input.focus();
    await page.keyboard.press('ControlOrMeta+V');
    await expect(input).toHaveValue(pasted);
    // And no script cancels a paste event.
    const cancelled = await input.evaluate((el) => {
      const data = new DataTransfer();
      data.setData('text/plain', 'x');
      const event = new ClipboardEvent('paste', {
        clipboardData: data,
        bubbles: true,
        cancelable: true,
      });
      el.dispatchEvent(event);
      return event.defaultPrevented;
    });
    expect(cancelled).toBe(false);
  }

  // The toggle: hidden by default, a different label per field, switches the type both ways.
  await page.goto('/fr/creer-un-compte');
  await waitForHydration(page, 'fr');
  for (const [id, show, hide] of [
    ['password', plain(FR.Form.showPassword), plain(FR.Form.hidePassword)],
    ['passwordConfirm', plain(FR.Form.showPasswordConfirm), plain(FR.Form.hidePasswordConfirm)],
  ] as const) {
    const input = page.locator(`input#${id}`);
    await input.fill('ma phrase de passe visible');
    const toggle = page.getByRole('button', { name: show, exact: true });
    await expect(toggle).toHaveAttribute('aria-controls', id);
    await toggle.click();
    await expect(input).toHaveAttribute('type', 'text');
    await expect(page.getByRole('button', { name: hide, exact: true })).toHaveAttribute(
      'aria-pressed',
      'true',
    );
    await page.getByRole('button', { name: hide, exact: true }).click();
    await expect(input).toHaveAttribute('type', 'password');
    await expect(input).toHaveValue('ma phrase de passe visible');
  }
});

test('MAIL-01: links in emails come from APP_URL, never from the X-Forwarded-Host or Host header', async ({
  browser,
  request,
}) => {
  // 1. A browser whose requests carry X-Forwarded-Host: evil.example. The page's Origin
  // (localhost:3100) then differs from the forwarded host, so the server action is refused as
  // cross-site (observed: Next.js answers 500 "Invalid Server Actions request"): no account, no
  // mail. A safe outcome.
  const context = await newContext(browser, {
    extraHTTPHeaders: { 'x-forwarded-host': 'evil.example' },
  });
  const page = await context.newPage();
  const viaBrowser = uniqueEmail('mail01-browser');
  await page.goto('/fr/creer-un-compte');
  await waitForHydration(page, 'fr');
  const post = page.waitForResponse((r) => r.request().method() === 'POST');
  await fillCreateAccount(page, 'fr', { email: viaBrowser });
  const answer = await post;
  expect(answer.status()).not.toBe(303);
  expect(new URL(page.url()).pathname).toBe('/fr/creer-un-compte');
  await context.close();

  // 2. A request where the forged host is consistent (Origin and X-Forwarded-Host both
  // evil.example, or Host: evil.example) gets through the origin checks and creates the
  // account: the link in its mail must still point at APP_URL.
  const hidden = await noJsCreateAccountFields(browser);
  const forged = {
    'X-Forwarded-Host': { origin: 'http://evil.example', 'x-forwarded-host': 'evil.example' },
    Host: { origin: 'http://evil.example', host: 'evil.example' },
  };
  for (const [name, headers] of Object.entries(forged)) {
    const email = uniqueEmail('mail01');
    const response = await postCreateAccount(request, hidden, email, headers);
    expect(response.status(), `created with a forged ${name}`).toBe(303);
    const mail = await waitForMail(email);
    const link = activationLink(mail);
    expect(link.startsWith(`${BASE_URL}/fr/activer?token=`), `link with a forged ${name}`).toBe(
      true,
    );
    expect(mail.text + mail.html).not.toContain('evil.example');
  }

  expect(mailCount(viaBrowser), 'mail after the refused browser submission').toBe(0);
});

test('SES-05: after sign-out, polling /api/auth/session does not revive the replayed cookie', async ({
  page,
  context,
  browser,
}) => {
  const email = await newActiveAccount(browser, 'revive');
  await signInFr(page, email);
  const saved = await sessionCookie(context);
  await signOutFr(page);

  const replay = await newContext(browser);
  await replay.addCookies([cookieForAnotherBrowser(saved!)]);
  const replayPage = await replay.newPage();
  // The session endpoint asks the data-access layer: a revoked token is no session, and no
  // answer re-issues the cookie.
  for (let i = 0; i < 3; i++) {
    const get = await replayPage.request.get('/api/auth/session');
    expect(await get.json()).toBeNull();
    const post = await replayPage.request.post('/api/auth/session', {
      data: { csrfToken: 'x' },
      headers: { origin: BASE_URL },
    });
    expect(await post.json()).toBeNull();
    expect(sessionCookiesSet(get).concat(sessionCookiesSet(post))).toEqual([]);
  }
  await replayPage.goto('/fr/tableau-de-bord');
  await expect(replayPage).toHaveURL(/\/fr\/connexion\?callbackUrl=/);
  await replayPage.goto('/fr/parametres');
  await expect(replayPage).toHaveURL(/\/fr\/connexion\?callbackUrl=/);
  await replay.close();
});

test('SES-04: a cookie saved before POST /api/auth/signout (Auth.js’s own route) is refused when replayed', async ({
  page,
  context,
  browser,
}) => {
  const email = await newActiveAccount(browser, 'route-signout');
  await signInFr(page, email);
  const saved = await sessionCookie(context);
  expect(saved).toBeTruthy();

  // Auth.js's sign-out, as a script on the page could post it: its CSRF token, then the form.
  const csrf = (await (await page.request.get('/api/auth/csrf')).json()) as { csrfToken: string };
  const out = await page.request.post('/api/auth/signout', {
    form: { csrfToken: csrf.csrfToken, callbackUrl: '/fr/connexion' },
    headers: { origin: BASE_URL },
    maxRedirects: 0,
  });
  expect(out.status()).toBe(302);
  expect((await sessionCookie(context))?.value ?? '', 'cleared by the route').toBe('');

  const replay = await newContext(browser);
  await replay.addCookies([cookieForAnotherBrowser(saved!)]);
  const replayPage = await replay.newPage();
  expect(await (await replayPage.request.get('/api/auth/session')).json()).toBeNull();
  await replayPage.goto('/fr/tableau-de-bord');
  await expect(replayPage).toHaveURL(/\/fr\/connexion\?callbackUrl=/);
  await replay.close();
});

test('PRIV-04: the pending address leaves the browser on activation, on sign-out and when someone else signs in', async ({
  page,
  context,
}) => {
  const pending = async () =>
    decodeURIComponent(
      (await context.cookies()).find((c) => c.name === PENDING_EMAIL_COOKIE)?.value ?? '',
    );
  async function register(email: string) {
    await page.goto('/fr/creer-un-compte');
    await waitForHydration(page, 'fr');
    await fillCreateAccount(page, 'fr', { email });
    await expect(
      page.getByRole('heading', { level: 1, name: FR.CheckEmailPage.title }),
    ).toBeVisible();
    expect(await pending(), 'remembered for "check your email"').toBe(email);
  }

  // Activation.
  const first = uniqueEmail('pending-a');
  await register(first);
  await page.goto(activationLink(await waitForMail(first)));
  await waitForHydration(page, 'fr');
  await page.getByLabel(FR.ActivatePage.password, { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: FR.ActivatePage.submit }).click();
  await expect(page).toHaveURL('/fr/tableau-de-bord?notice=activated');
  expect(await pending(), 'after activation').toBe('');

  // Sign-out (someone registered another address from this signed-in browser).
  await register(uniqueEmail('pending-b'));
  await page.goto('/fr/tableau-de-bord');
  await signOutFr(page);
  expect(await pending(), 'after sign-out').toBe('');

  // Someone else signs in at the same computer.
  await register(uniqueEmail('pending-c'));
  await signInFr(page, first);
  expect(await pending(), 'after another person signed in').toBe('');
});

test('SES-06: several sessions may be open at once (policy); signing out of one ends them all', async ({
  page,
  browser,
}) => {
  const email = await newActiveAccount(browser, 'two-browsers');
  await signInFr(page, email);
  const other = await newContext(browser);
  const otherPage = await other.newPage();
  await signInFr(otherPage, email);
  // A's session survives B's sign-in (documented policy: concurrent sessions are allowed)…
  await page.goto('/fr/tableau-de-bord');
  await expect(page).toHaveURL('/fr/tableau-de-bord');
  // …and signing out anywhere ends every session of the account (SES-04's session version).
  await signOutFr(otherPage);
  await page.goto('/fr/tableau-de-bord');
  await expect(page).toHaveURL(/\/fr\/connexion\?callbackUrl=/);
  await other.close();
});

test('LOG-05: brute force through /api/auth/callback/credentials hits the same lock as the login page', async ({
  request,
  page,
  browser,
}) => {
  const email = await newActiveAccount(browser, 'callback-brute');
  const ip = uniqueIp();
  const csrf = await request.get('/api/auth/csrf', { headers: { 'x-real-ip': ip } });
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const csrfCookie = (await request.storageState()).cookies.find((c) =>
    c.name.endsWith('authjs.csrf-token'),
  );
  const cookie = `${csrfCookie!.name}=${csrfCookie!.value}`;
  for (let i = 0; i < 5; i++) {
    const attempt = await request.post('/api/auth/callback/credentials', {
      form: { email, password: `${WRONG_PASSWORD} ${i}`, csrfToken },
      headers: { 'x-real-ip': ip, cookie },
      maxRedirects: 0,
    });
    expect(sessionCookiesSet(attempt)).toEqual([]);
  }
  // The right password, now through the callback and through the page: both locked.
  const locked = await request.post('/api/auth/callback/credentials', {
    form: { email, password: PASSWORD, csrfToken },
    headers: { 'x-real-ip': ip, cookie },
    maxRedirects: 0,
  });
  expect(sessionCookiesSet(locked)).toEqual([]);
  await page.goto('/fr/connexion');
  await signIn(page, 'fr', email);
  await expect(page.getByText(FR.LoginPage.errors.invalid)).toBeVisible();
  await expect(page).toHaveURL(/\/fr\/connexion/);
});

test('a request body over 64 kB is refused (413) by the Auth.js routes, before any parsing', async ({
  request,
}) => {
  const response = await request.post('/api/auth/callback/credentials', {
    form: { email: 'a@example.ca', password: 'x'.repeat(70 * 1024) },
    headers: { 'x-real-ip': uniqueIp() },
    maxRedirects: 0,
  });
  expect(response.status()).toBe(413);
});

// ---------------------------------------------------------------------------------------------
// Requests outside what pages serve (HDR-01, HDR-02, ERR-01)

/** Answers the localized "page not found": 404, the page's CSP, its language, no route named. */
async function expectLocalizedNotFound(response: APIResponse, locale: 'fr' | 'en', path: string) {
  expect(response.status(), path).toBe(404);
  const headers = response.headers();
  expectSecurityHeaders(headers, path);
  expect(headers['referrer-policy'], path).toBeTruthy();
  const html = await response.text();
  expect(html, path).toContain(`<html lang="${locale}"`);
  expect(html, path).toContain(MESSAGES[locale].NotFoundPage.title);
  // Next.js's rewrite header would name the route the page was rendered from.
  expect(headers['x-middleware-rewrite'], path).toBeUndefined();
}

test('HDR-02: internal route names and other locales’ paths answer the localized "page not found" (404, CSP), never the page', async ({
  request,
}) => {
  const paths = [
    ['fr', '/fr/dashboard'],
    ['fr', '/fr/settings'],
    ['fr', '/fr/reset-password?token=abc'],
    ['fr', '/fr/building-code-services'],
    ['fr', '/fr/login'],
    ['en', '/en/create-account/check-email'],
    ['en', '/en/connexion'],
    ['en', '/en/tableau-de-bord'],
  ] as const;
  for (const [locale, path] of paths) {
    const response = await request.get(path, { maxRedirects: 0 });
    await expectLocalizedNotFound(response, locale, path);
  }
  // Nor does a localized page name its internal route (/fr/connexion is /fr/login inside).
  const login = await request.get('/fr/connexion');
  expect(login.status()).toBe(200);
  expect(login.headers()['x-middleware-rewrite']).toBeUndefined();
});

test('HDR-02: a path with a dot under a locale answers the localized "page not found" (404, CSP, its language)', async ({
  request,
}) => {
  const paths = [
    ['fr', '/fr/x.y'],
    ['en', '/en/login.php'],
    ['fr', '/fr/connexion;.js'],
    ['en', '/en/help.html'],
    ['fr', '/fr/favicon.ico'],
  ] as const;
  for (const [locale, path] of paths) {
    const response = await request.get(path, { maxRedirects: 0 });
    await expectLocalizedNotFound(response, locale, path);
  }
});

test('HDR-01: Next.js’s own 308 redirects (trailing slash, doubled slash) carry HSTS and the security headers', async ({
  request,
}) => {
  for (const [path, target] of [
    ['/fr/connexion/', '/fr/connexion'],
    ['/en/', '/en'],
    ['/api/health/', '/api/health'],
    ['//fr/connexion', '/fr/connexion'],
  ] as const) {
    const response = await request.get(`${BASE_URL}${path}`, { maxRedirects: 0 });
    expect(response.status(), path).toBe(308);
    expect(response.headers()['location'], path).toBe(target);
    const headers = response.headers();
    for (const { key, value } of STATIC_SECURITY_HEADERS) {
      expect(headers[key.toLowerCase()], `${key} on ${path}`).toBe(value);
    }
  }
});

/** The id of the sign-in form's server action, from its no-JavaScript form. */
async function loginActionId(request: APIRequestContext): Promise<string> {
  const html = await (await request.get('/fr/connexion')).text();
  const id = /&quot;id&quot;:&quot;([0-9a-f]+)&quot;/.exec(html)?.[1];
  expect(id, 'the sign-in action id').toBeTruthy();
  return id!;
}

const REFUSED: {
  name: string;
  status: number;
  send: (request: APIRequestContext, actionId: string) => Promise<APIResponse>;
}[] = [
  {
    name: 'a server action posted from another origin',
    status: 403,
    send: (request, id) =>
      request.post('/fr/connexion', {
        headers: { 'next-action': id, origin: 'https://evil.example' },
        multipart: { '0': '["$K1"]', '1_email': 'a@example.ca' },
      }),
  },
  {
    name: 'a server action body over 64 kB',
    status: 413,
    send: (request, id) =>
      request.post('/fr/connexion', {
        headers: { 'next-action': id, origin: BASE_URL },
        multipart: { '0': '["$K1"]', '1_email': 'x'.repeat(70 * 1024) },
      }),
  },
  {
    name: 'a malformed multipart body',
    status: 400,
    send: (request, id) =>
      request.post('/fr/connexion', {
        headers: {
          'next-action': id,
          origin: BASE_URL,
          'content-type': 'multipart/form-data; boundary=abc',
        },
        data: 'no parts here',
      }),
  },
  {
    name: 'a non-form body with Next-Action',
    status: 400,
    send: (request, id) =>
      request.post('/fr/connexion', {
        headers: { 'next-action': id, origin: BASE_URL, 'content-type': 'text/plain' },
        data: '[]',
      }),
  },
  {
    name: 'deeply nested bound arguments',
    status: 400,
    send: (request, id) =>
      request.post('/fr/connexion', {
        headers: { 'next-action': id, origin: BASE_URL },
        multipart: { '0': '['.repeat(10_000) + ']'.repeat(10_000) },
      }),
  },
  {
    name: 'TRACE',
    status: 405,
    send: (request) => request.fetch('/fr/connexion', { method: 'TRACE' }),
  },
  {
    name: 'PUT on a page',
    status: 405,
    send: (request) => request.fetch('/fr/connexion', { method: 'PUT', data: 'x' }),
  },
  {
    name: 'a malformed router state header',
    status: 400,
    send: (request) =>
      request.get('/fr/aide', { headers: { rsc: '1', 'next-router-state-tree': '%7Bnot-json' } }),
  },
  {
    name: 'the image optimizer asked for /etc/passwd',
    status: 404,
    send: (request) => request.get('/_next/image?url=%2Fetc%2Fpasswd&w=64&q=75'),
  },
];

for (const { name, status, send } of REFUSED) {
  test(`ERR-01: ${name} is refused with ${status}, the security headers and no stack in the server's log`, async ({
    request,
  }) => {
    const actionId = await loginActionId(request);
    let response: APIResponse | undefined;
    const logged = await serverErrorsDuring(async () => {
      response = await send(request, actionId);
    });
    expect(response!.status()).toBe(status);
    if (status === 405) expect(response!.headers()['allow']).toBe('GET, HEAD, POST');
    expect(response!.headers()['strict-transport-security']).toBe(
      'max-age=31536000; includeSubDomains',
    );
    expect(logged).not.toMatch(/^\s+at /m);
    expect(logged).not.toContain('⨯');
  });
}
