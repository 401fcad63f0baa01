import { isIP } from 'node:net';

/**
 * The client's IP address for per-IP limits and logs (LOG-06). The trust is explicit: a header is
 * read only when the deployment says a proxy in front *overwrites* it, so a client can never
 * choose the address its limits count against.
 *
 * - TRUSTED_IP_HEADER names that header: `x-real-ip` behind the README's nginx site
 *   (`proxy_set_header X-Real-IP $remote_addr;`, the app bound to 127.0.0.1 so only nginx reaches
 *   it); `cf-connecting-ip` on Cloudflare, `fly-client-ip` on Fly.io. On Vercel (VERCEL=1) it
 *   defaults to `x-real-ip`, which Vercel's edge sets to the connecting address, overwriting any
 *   value the client sent. When it is `x-forwarded-for`, only the LAST entry is read: each proxy
 *   appends the address it received the connection from, so that entry is our proxy's and
 *   everything before it came from the client (this assumes exactly one trusted proxy).
 * - A request without a valid value in that header did not come through the proxy: it is refused
 *   (`ClientIpUnavailable`, an error page and a log line), never counted in a bucket shared by
 *   everyone who lacks the header.
 * - Unset outside production (`next dev`, tests): the connection's own address as Next.js gives
 *   it. Next.js writes the socket's address into `X-Forwarded-For` when the request has none
 *   (and keeps a client-sent one, so a developer can choose theirs: development only).
 * - Unset in production (NODE_ENV=production, not Vercel): the server refuses to start
 *   (`assertClientIpSource`, from instrumentation.ts: Next.js logs it and answers 500). Plain
 *   `next start` gives the app no address a client cannot choose, and one shared bucket would
 *   let anyone lock everyone out.
 */

type Env = Readonly<Record<string, string | undefined>>;

/** The header Vercel's edge overwrites with the connecting address. */
export const VERCEL_IP_HEADER = 'x-real-ip';

/** Thrown for a request whose client address cannot be known: it is refused. */
export class ClientIpUnavailable extends Error {
  name = 'ClientIpUnavailable';
}

/** The header a proxy in front overwrites (lowercase), or null when the deployment names none. */
export function trustedIpHeader(env: Env = process.env): string | null {
  const named = env.TRUSTED_IP_HEADER?.trim().toLowerCase();
  if (named) return named;
  return env.VERCEL === '1' ? VERCEL_IP_HEADER : null;
}

/**
 * Throws, naming TRUSTED_IP_HEADER, when production has no header to trust (called at start-up
 * with the secrets' check, SEC-01), or when its value is not a header name.
 */
export function assertClientIpSource(env: Env = process.env): void {
  if (env.NODE_ENV !== 'production') return;
  const name = trustedIpHeader(env);
  if (!name) {
    throw new Error(
      'TRUSTED_IP_HEADER is missing: name the header your proxy overwrites with the client ' +
        'address (x-real-ip behind nginx, see the README; Vercel sets x-real-ip by itself).',
    );
  }
  if (!/^[a-z0-9!#$%&'*+.^_`|~-]+$/.test(name)) {
    throw new Error('TRUSTED_IP_HEADER is not a header name.');
  }
}

/**
 * The client's address: from the trusted header when the deployment names one, else (outside
 * production) from the connection. Throws `ClientIpUnavailable` when there is none to be had.
 */
export function clientIp(headers: Headers, env: Env = process.env): string {
  const name = trustedIpHeader(env);
  if (!name && env.NODE_ENV === 'production') {
    throw new ClientIpUnavailable('TRUSTED_IP_HEADER is not set (LOG-06).');
  }
  const header = name ?? 'x-forwarded-for';
  // Repeated headers arrive joined with ", ".
  const values = (headers.get(header) ?? '').split(',').map((v) => v.trim());
  const picked = header === 'x-forwarded-for' ? values[values.length - 1] : values[0];
  const ip = normalizeIp(picked ?? '');
  if (!ip) {
    throw new ClientIpUnavailable(
      name
        ? `The request has no valid ${name} header: did it come through the proxy? (LOG-06)`
        : 'The request has no valid x-forwarded-for header (LOG-06).',
    );
  }
  return ip;
}

/** A canonical IP string, or null when `value` is not an IP address. */
function normalizeIp(value: string): string | null {
  // Tolerate a bracketed IPv6 literal ("[2001:db8::1]"); ports and anything else are refused.
  const unbracketed = value.startsWith('[') && value.endsWith(']') ? value.slice(1, -1) : value;
  const version = isIP(unbracketed);
  if (version === 4) return unbracketed;
  if (version === 6) {
    const lower = unbracketed.toLowerCase();
    const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/.exec(lower);
    return mapped?.[1] ?? lower;
  }
  return null;
}

/**
 * The unit a per-IP limit counts: the address itself for IPv4, its /64 network for IPv6 — one
 * subscriber usually holds a whole /64 and could otherwise rotate through 2^64 addresses.
 */
export function ipRateLimitBucket(ip: string): string {
  if (isIP(ip) !== 6) return ip;
  const groups = expandIpv6(ip);
  return groups ? `${groups.slice(0, 4).join(':')}::/64` : ip;
}

/** The eight 16-bit groups of an IPv6 address, lowercase and without leading zeros. */
function expandIpv6(ip: string): string[] | null {
  let address = ip.toLowerCase().split('%')[0] ?? '';
  // An embedded IPv4 tail ("::ffff:1.2.3.4") becomes two hex groups.
  const v4 = /(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(address);
  if (v4) {
    const [a, b, c, d] = v4.slice(1).map(Number) as [number, number, number, number];
    address = `${address.slice(0, v4.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = '', tail] = address.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const missing = 8 - left.length - right.length;
  if (tail === undefined ? left.length !== 8 : missing < 1) return null;
  const groups = [...left, ...Array<string>(Math.max(missing, 0)).fill('0'), ...right];
  return groups.map((g) => parseInt(g, 16).toString(16));
}
