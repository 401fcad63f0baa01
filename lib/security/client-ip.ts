import { isIP } from 'node:net';

/**
 * The client's IP address for per-IP limits and logs (LOG-06), read from ONE header that the
 * platform's proxy controls, never from whatever the client sent.
 *
 * TRUSTED_IP_HEADER names that header; the default `x-real-ip` is right on Vercel, whose edge
 * sets it to the connecting address and overwrites any value the client supplied. Behind another
 * proxy, set TRUSTED_IP_HEADER to the header *that* proxy overwrites (e.g. `cf-connecting-ip` on
 * Cloudflare, `fly-client-ip` on Fly.io). With no trusted proxy in front (plain `next start` on
 * a laptop), every request counts as 'unknown' — one shared bucket, which is safe, not spoofable.
 *
 * `X-Forwarded-For` is never read unless TRUSTED_IP_HEADER is `x-forwarded-for`. Even then only
 * its LAST entry is used: each proxy *appends* the address it received the connection from, so
 * the last entry is the one our trusted proxy wrote, while everything before it came from the
 * client and can be forged (rotating fake XFF values must not dodge the limit). This assumes
 * exactly one trusted proxy in front of the app.
 */

export const DEFAULT_TRUSTED_IP_HEADER = 'x-real-ip';
export const UNKNOWN_IP = 'unknown';

type Env = Readonly<Record<string, string | undefined>>;

export function clientIp(headers: Headers, env: Env = process.env): string {
  const name = (env.TRUSTED_IP_HEADER?.trim() || DEFAULT_TRUSTED_IP_HEADER).toLowerCase();
  const raw = headers.get(name);
  if (!raw) return UNKNOWN_IP;
  // Repeated headers arrive joined with ", ".
  const values = raw.split(',').map((v) => v.trim());
  const picked = name === 'x-forwarded-for' ? values[values.length - 1] : values[0];
  return normalizeIp(picked ?? '') ?? UNKNOWN_IP;
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
