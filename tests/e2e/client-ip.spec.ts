import { spawn } from 'node:child_process';
import { randomInt } from 'node:crypto';
import { actionFields, multipart, setsSession } from '../../bench/forms';
import {
  BASE_URL,
  MESSAGES,
  PASSWORD,
  createActiveAccount,
  expect,
  test,
  uniqueEmail,
} from './support/fixtures';
import { requestFrom, startNginxStandIn, type Answer } from './support/nginx-stand-in';

/**
 * LOG-06: whose address a per-IP limit counts. The e2e server is configured as behind nginx
 * (TRUSTED_IP_HEADER=x-real-ip); here a stand-in for the README's nginx site sits in front of it
 * and clients connect from addresses of their own (127.x.y.z), so what a client sends in
 * X-Real-IP or X-Forwarded-For is what nginx would pass on.
 */

const PROXY_PORT = Number(process.env.E2E_PORT ?? 3100) + 5;
const PROXY = new URL(`http://127.0.0.1:${PROXY_PORT}`);
/** What the browser sends as Host and Origin: nginx passes Host unchanged. */
const PUBLIC_ORIGIN = `http://localhost:${PROXY_PORT}`;
const LOGIN = '/fr/connexion';
const FR = MESSAGES.fr;

/** A loopback address no other test uses: another client, as the proxy sees it. */
function loopbackClient(): string {
  return `127.${randomInt(1, 255)}.${randomInt(0, 256)}.${randomInt(1, 255)}`;
}

/** The message as rendered text (the page's payload holds every message of the form too). */
const shown = (message: string) => `>${message}<`;

const rotating = () => `198.51.100.${randomInt(1, 255)}`;

async function signInThroughProxy(
  client: string,
  fields: [string, string][],
  email: string,
  password: string,
  extra: Record<string, string> = {},
): Promise<Answer> {
  return signInAt(PROXY, PUBLIC_ORIGIN, client, fields, email, password, extra);
}

async function signInAt(
  server: URL,
  publicOrigin: string,
  client: string | undefined,
  fields: [string, string][],
  email: string,
  password: string,
  extra: Record<string, string> = {},
): Promise<Answer> {
  const { body, contentType } = multipart([...fields, ['email', email], ['password', password]]);
  return requestFrom(client, new URL(LOGIN, server), {
    method: 'POST',
    headers: {
      ...extra,
      host: new URL(publicOrigin).host,
      origin: publicOrigin,
      'content-type': contentType,
      'sec-fetch-site': 'same-origin',
    },
    body,
  });
}

test.describe('client address behind the proxy', () => {
  let proxy: Awaited<ReturnType<typeof startNginxStandIn>>;
  test.beforeAll(async () => {
    proxy = await startNginxStandIn({ port: PROXY_PORT, upstream: new URL(BASE_URL) });
  });
  test.afterAll(async () => {
    await proxy.close();
  });

  test('LOG-06: a client rotating X-Real-IP and X-Forwarded-For, through the proxy or around it, is refused at its 21st sign-in while another client still signs in', async ({
    page,
  }) => {
    const resident = await createActiveAccount(page, 'fr', uniqueEmail('log06'));
    const attacker = loopbackClient();
    const form = await requestFrom(attacker, new URL(LOGIN, PROXY), {
      headers: { host: new URL(PUBLIC_ORIGIN).host },
    });
    expect(form.status).toBe(200);
    const fields = actionFields(form.text);

    // 20 sign-ins on made-up accounts, each with new client-chosen addresses: all answered.
    for (let i = 0; i < 20; i++) {
      const answer = await signInThroughProxy(
        attacker,
        fields,
        uniqueEmail('nobody'),
        'a wrong passphrase here',
        { 'x-real-ip': rotating(), 'x-forwarded-for': `${rotating()}, ${rotating()}` },
      );
      expect(answer.status).toBe(200);
      expect(answer.text).toContain(shown(FR.LoginPage.errors.invalid));
    }
    // The 21st is refused, even with the resident's right password and yet other headers.
    const refused = await signInThroughProxy(attacker, fields, resident, PASSWORD, {
      'x-real-ip': rotating(),
      'x-forwarded-for': rotating(),
    });
    expect(refused.status).toBe(200);
    expect(refused.text).toContain(shown(FR.Form.tooManyRequests));
    expect(setsSession(refused.headers)).toBe(false);
    // Around the proxy, without X-Real-IP: refused outright, not counted in a bucket shared by
    // every request that lacks the header. (With one, it would be believed: the app must be
    // reachable only through the proxy, README: `next start -H 127.0.0.1`.)
    const direct = new URL(BASE_URL);
    const around = await signInAt(
      new URL(`http://127.0.0.1:${direct.port}`),
      BASE_URL,
      undefined,
      fields,
      resident,
      PASSWORD,
      { 'x-forwarded-for': rotating() },
    );
    expect(around.status).toBe(500);
    expect(setsSession(around.headers)).toBe(false);

    // Another client, in the same minute, signs the resident in.
    const other = await signInThroughProxy(loopbackClient(), fields, resident, PASSWORD);
    expect(other.status).toBe(303);
    expect(setsSession(other.headers)).toBe(true);
  });
});

test('LOG-06: a production server with no TRUSTED_IP_HEADER refuses to serve instead of trusting what clients send', async () => {
  test.setTimeout(60_000);
  const port = Number(process.env.E2E_PORT ?? 3100) + 6;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'production',
    APP_URL: `http://localhost:${port}`,
    AUTH_SECRET: 'e2e-log06-secret-0123456789abcdef0123456789abcdef',
    PIN_PEPPER: 'e2e-log06-pin-pepper-0123456789abcdef0123456789',
    CRON_SECRET: 'e2e-log06-cron-secret-0123456789abcdef',
    PAYMENT_PROVIDER: 'test',
    // Nothing listens on port 9: no database is opened.
    DATABASE_URL: 'postgres://monso:unused@127.0.0.1:9/monso',
    NEON_WS_PROXY: '127.0.0.1:9/v1',
  };
  delete env.TRUSTED_IP_HEADER;
  delete env.VERCEL;
  const server = spawn(
    process.execPath,
    ['node_modules/next/dist/bin/next', 'start', '-p', String(port)],
    { env, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  server.stdout.on('data', (c: Buffer) => (output += c.toString()));
  server.stderr.on('data', (c: Buffer) => (output += c.toString()));
  try {
    // Next.js keeps listening when start-up (instrumentation.ts) throws, but serves nothing.
    const status = async (path: string) => {
      try {
        return (await fetch(`http://localhost:${port}${path}`, { redirect: 'manual' })).status;
      } catch {
        return 0;
      }
    };
    await expect.poll(() => status('/api/health'), { timeout: 45_000 }).toBe(500);
    expect(await status(LOGIN)).toBe(500);
    expect(output).toContain('TRUSTED_IP_HEADER is missing');
  } finally {
    server.kill('SIGTERM');
  }
});
