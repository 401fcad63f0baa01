/**
 * The scenarios: which request each one sends (as a browser would) and which answer counts as
 * the expected one. Every POST carries a distinct client address in the trusted header
 * (x-real-ip), so the per-address limits (20 a minute) never answer: the limiter itself stays on.
 */
import type { CapturedAction } from './capture';
import { EMAIL_MARK } from './capture';
import {
  BUILDING_HOME_PATH,
  CREATE_ACCOUNT_PATH,
  DASHBOARD_PATH,
  LOGIN_PATH,
  STAFF_COOKIE,
  STAFF_QUEUE_PATH,
  applicationPath,
  formHeaders,
  multipart,
  setsSession,
} from './forms';
import type { SeededUsers } from './seed';

export interface Req {
  method: 'GET' | 'POST';
  path: string;
  headers: Record<string, string>;
  body?: Buffer | string;
}

/** Response headers with lowercase names (set-cookie: string or string[]). */
export type Headers = Record<string, string | string[] | undefined>;

export interface Scenario {
  key: string;
  label: string;
  /** A fixed request, or a function making each one (unique emails, addresses, accounts). */
  request: Req | (() => Req);
  /** What counts as the expected answer, in words (for the report). */
  expected: string;
  ok(status: number, headers: Headers): boolean;
  /** Run before the warm-up and before each round (e.g. a fresh session cookie). */
  beforeRound?: () => Promise<void>;
}

/** What a browser sends on a page load: the same for the portal and the baseline. */
const BROWSER: Record<string, string> = {
  'user-agent': 'Mozilla/5.0 (X11; Linux x86_64) monso-bench',
  accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8',
  'accept-encoding': 'gzip, deflate, br',
  'accept-language': 'fr-CA,fr;q=0.9,en;q=0.8',
};

export function nextRequest(scenario: Scenario): Req {
  return typeof scenario.request === 'function' ? scenario.request() : scenario.request;
}

function pageLoad(key: string, label: string, path: string, cookie?: string): Scenario {
  return {
    key,
    label,
    request: { method: 'GET', path, headers: cookie ? { ...BROWSER, cookie } : BROWSER },
    expected: '200',
    ok: (status) => status === 200,
  };
}

function header(headers: Headers, name: string): string {
  const value = headers[name];
  return Array.isArray(value) ? value.join(', ') : (value ?? '');
}

/**
 * A signed-in page load. Before the warm-up and each round the account signs in again, for a
 * browser keeps the cookie the portal re-issues after each minute of activity (SES-02): a fixed
 * cookie older than a minute would make every request pay for that re-issue, which real visits
 * pay at most once a minute.
 */
function signedInPageLoad(
  key: string,
  label: string,
  path: string,
  session: () => Promise<string>,
): Scenario {
  const scenario = pageLoad(key, label, path);
  scenario.beforeRound = async () => {
    scenario.request = { method: 'GET', path, headers: { ...BROWSER, cookie: await session() } };
  };
  return scenario;
}

export function baselineScenarios(): Scenario[] {
  return [
    pageLoad('baseline-static', 'GET static page', '/'),
    pageLoad('baseline-dynamic', 'GET dynamic page (form)', '/form'),
  ];
}

export interface PortalContext {
  base: string;
  users: SeededUsers;
  /** A fresh Cookie header of a signed-in account (active, not registered). */
  dashboardSession: () => Promise<string>;
  /** A fresh Cookie header of an account registered for Building Code Services. */
  registeredSession: () => Promise<string>;
  /** Hidden server-action fields of the login and create-account forms. */
  loginFields: [string, string][];
  createFields: [string, string][];
  /** The login form's server-action request as Chromium sends it. */
  jsLogin: CapturedAction;
  nextIp: () => string;
  /** Unique per run: the create-account emails never repeat. */
  runId: string;
}

export function portalScenarios(ctx: PortalContext): Scenario[] {
  let loginCount = 0;
  const nextLoginEmail = () => ctx.users.login[loginCount++ % ctx.users.login.length]!;
  let created = 0;
  const dashboardRedirect = (headers: Headers) => header(headers, 'location') === DASHBOARD_PATH;

  return [
    pageLoad('login-get', 'GET login page', LOGIN_PATH),
    signedInPageLoad(
      'dashboard-get',
      'GET dashboard, signed in',
      DASHBOARD_PATH,
      ctx.dashboardSession,
    ),
    signedInPageLoad(
      'building-home-get',
      'GET Building Code Services home with "Mes demandes", registered',
      BUILDING_HOME_PATH,
      ctx.registeredSession,
    ),
    signedInPageLoad(
      'application-get',
      'GET an application (submitted, 8 events), registered',
      applicationPath(ctx.users.application),
      ctx.registeredSession,
    ),
    // Early in the run: the seeded staff session ends after 15 minutes without a request.
    pageLoad(
      'staff-queue-get',
      `GET the work queue (${ctx.users.otherApplications.count.toLocaleString('en')} other applications), staff signed in`,
      STAFF_QUEUE_PATH,
      `${STAFF_COOKIE}=${ctx.users.staffToken}`,
    ),
    {
      key: 'login-post',
      label: 'POST login, no JavaScript',
      request: () => {
        const { body, contentType } = multipart([
          ...ctx.loginFields,
          ['email', nextLoginEmail()],
          ['password', ctx.users.password],
        ]);
        const headers = { ...BROWSER, ...formHeaders(ctx.base, ctx.nextIp(), contentType) };
        return { method: 'POST', path: LOGIN_PATH, headers, body };
      },
      expected: '303 to the dashboard + session cookie',
      ok: (status, headers) => status === 303 && dashboardRedirect(headers) && setsSession(headers),
    },
    {
      key: 'login-post-js',
      label: 'POST login, JavaScript (server action)',
      request: () => ({
        method: 'POST',
        path: ctx.jsLogin.path,
        headers: { ...ctx.jsLogin.headers, 'x-real-ip': ctx.nextIp() },
        body: ctx.jsLogin.bodyTemplate.split(EMAIL_MARK).join(nextLoginEmail()),
      }),
      expected: `${ctx.jsLogin.status} + x-action-redirect to the dashboard + session cookie`,
      ok: (status, headers) =>
        status === ctx.jsLogin.status &&
        header(headers, 'x-action-redirect').startsWith(DASHBOARD_PATH) &&
        setsSession(headers),
    },
    {
      key: 'create-account-post',
      label: 'POST create account (unique emails)',
      request: () => {
        created += 1;
        const email = `bench.${ctx.runId}.${created}@example.ca`;
        const { body, contentType } = multipart([
          ...ctx.createFields,
          ['email', email],
          ['emailConfirm', email],
          ['password', ctx.users.password],
          ['passwordConfirm', ctx.users.password],
          ['acceptTerms', 'on'],
        ]);
        const headers = { ...BROWSER, ...formHeaders(ctx.base, ctx.nextIp(), contentType) };
        return { method: 'POST', path: CREATE_ACCOUNT_PATH, headers, body };
      },
      expected: '303 to "check your email"',
      ok: (status, headers) =>
        status === 303 && header(headers, 'location').startsWith(`${CREATE_ACCOUNT_PATH}/`),
    },
  ];
}
