import { describe, expect, it } from 'vitest';
import {
  ClientIpUnavailable,
  assertClientIpSource,
  clientIp,
  ipRateLimitBucket,
} from '@/lib/security/client-ip';

const h = (init: Record<string, string>) => new Headers(init);
const NGINX = { NODE_ENV: 'production', TRUSTED_IP_HEADER: 'x-real-ip' };
const VERCEL = { NODE_ENV: 'production', VERCEL: '1' };
const DEV = { NODE_ENV: 'development' };

describe('clientIp (LOG-06)', () => {
  it('reads the header TRUSTED_IP_HEADER names (case-insensitively)', () => {
    expect(clientIp(h({ 'x-real-ip': '203.0.113.7' }), NGINX)).toBe('203.0.113.7');
    const env = { NODE_ENV: 'production', TRUSTED_IP_HEADER: 'CF-Connecting-IP' };
    expect(clientIp(h({ 'cf-connecting-ip': '192.0.2.9', 'x-real-ip': '203.0.113.7' }), env)).toBe(
      '192.0.2.9',
    );
  });

  it('reads x-real-ip on Vercel when TRUSTED_IP_HEADER is unset', () => {
    expect(clientIp(h({ 'x-real-ip': '203.0.113.7' }), VERCEL)).toBe('203.0.113.7');
    expect(
      clientIp(h({ 'fly-client-ip': '192.0.2.9' }), {
        ...VERCEL,
        TRUSTED_IP_HEADER: 'fly-client-ip',
      }),
    ).toBe('192.0.2.9');
  });

  it('ignores X-Forwarded-For when another header is trusted, however it is set', () => {
    const seen = new Set(
      Array.from({ length: 20 }, (_, i) =>
        clientIp(h({ 'x-real-ip': '203.0.113.7', 'x-forwarded-for': `10.0.0.${i}` }), NGINX),
      ),
    );
    expect([...seen]).toEqual(['203.0.113.7']);
  });

  it('LOG-06: with no trusted header configured, a rotating X-Real-IP does not change the address', () => {
    // Next.js writes the connection's address into X-Forwarded-For (development and tests).
    const seen = new Set(
      Array.from({ length: 20 }, (_, i) =>
        clientIp(h({ 'x-forwarded-for': '127.0.0.1', 'x-real-ip': `10.0.0.${i}` }), DEV),
      ),
    );
    expect([...seen]).toEqual(['127.0.0.1']);
  });

  it('LOG-06: refuses a request without the trusted header instead of sharing one bucket', () => {
    expect(() => clientIp(h({}), NGINX)).toThrow(ClientIpUnavailable);
    expect(() => clientIp(h({ 'x-forwarded-for': '198.51.100.1' }), NGINX)).toThrow(
      ClientIpUnavailable,
    );
    expect(() => clientIp(h({}), VERCEL)).toThrow(/x-real-ip/);
    expect(() => clientIp(h({}), DEV)).toThrow(ClientIpUnavailable);
  });

  it('LOG-06: refuses every request in production when no header is trusted', () => {
    expect(() =>
      clientIp(h({ 'x-real-ip': '203.0.113.7', 'x-forwarded-for': '203.0.113.7' }), {
        NODE_ENV: 'production',
      }),
    ).toThrow(ClientIpUnavailable);
  });

  it('takes the first value when the trusted header holds several', () => {
    expect(clientIp(h({ 'x-real-ip': '203.0.113.7, 198.51.100.1' }), NGINX)).toBe('203.0.113.7');
  });

  it('refuses a value that is not an IP address', () => {
    expect(() => clientIp(h({ 'x-real-ip': 'evil<script>' }), NGINX)).toThrow(ClientIpUnavailable);
    expect(() => clientIp(h({ 'x-real-ip': '203.0.113.7:443' }), NGINX)).toThrow(
      ClientIpUnavailable,
    );
  });

  it('normalizes IPv6: lowercase, brackets removed, IPv4-mapped addresses as IPv4', () => {
    expect(clientIp(h({ 'x-real-ip': '2001:DB8::1' }), NGINX)).toBe('2001:db8::1');
    expect(clientIp(h({ 'x-real-ip': '[2001:db8::1]' }), NGINX)).toBe('2001:db8::1');
    expect(clientIp(h({ 'x-real-ip': '::ffff:203.0.113.7' }), NGINX)).toBe('203.0.113.7');
    expect(clientIp(h({ 'x-forwarded-for': '::ffff:127.0.0.1' }), DEV)).toBe('127.0.0.1');
  });

  it('takes the LAST X-Forwarded-For entry, the one the proxy appended', () => {
    const env = { NODE_ENV: 'production', TRUSTED_IP_HEADER: 'x-forwarded-for' };
    expect(clientIp(h({ 'x-forwarded-for': '1.1.1.1, 2.2.2.2, 203.0.113.7' }), env)).toBe(
      '203.0.113.7',
    );
    expect(clientIp(h({ 'x-forwarded-for': '203.0.113.7' }), env)).toBe('203.0.113.7');
    expect(clientIp(h({ 'x-forwarded-for': '1.1.1.1, 127.0.0.1' }), DEV)).toBe('127.0.0.1');
  });

  it('reads process.env when no env is passed', () => {
    const before = process.env.TRUSTED_IP_HEADER;
    process.env.TRUSTED_IP_HEADER = 'x-real-ip';
    try {
      expect(clientIp(h({ 'x-real-ip': '203.0.113.7' }))).toBe('203.0.113.7');
    } finally {
      if (before === undefined) delete process.env.TRUSTED_IP_HEADER;
      else process.env.TRUSTED_IP_HEADER = before;
    }
  });
});

describe('assertClientIpSource (LOG-06)', () => {
  it('LOG-06: refuses to start production with no trusted header, naming TRUSTED_IP_HEADER', () => {
    expect(() => assertClientIpSource({ NODE_ENV: 'production' })).toThrow(
      /^TRUSTED_IP_HEADER is missing/,
    );
    expect(() => assertClientIpSource({ NODE_ENV: 'production', TRUSTED_IP_HEADER: ' ' })).toThrow(
      /^TRUSTED_IP_HEADER is missing/,
    );
    expect(() =>
      assertClientIpSource({ NODE_ENV: 'production', TRUSTED_IP_HEADER: 'x real ip' }),
    ).toThrow(/^TRUSTED_IP_HEADER is not a header name/);
  });

  it('starts with a named header, on Vercel, and outside production', () => {
    expect(() => assertClientIpSource(NGINX)).not.toThrow();
    expect(() => assertClientIpSource(VERCEL)).not.toThrow();
    expect(() => assertClientIpSource(DEV)).not.toThrow();
    expect(() => assertClientIpSource({ NODE_ENV: 'test' })).not.toThrow();
  });
});

describe('ipRateLimitBucket', () => {
  it('keeps an IPv4 address and the unknown bucket as they are', () => {
    expect(ipRateLimitBucket('203.0.113.7')).toBe('203.0.113.7');
    expect(ipRateLimitBucket('unknown')).toBe('unknown');
  });

  it('groups IPv6 addresses by /64, whatever their spelling', () => {
    const a = ipRateLimitBucket('2001:db8:1:2:aaaa:bbbb:cccc:dddd');
    expect(a).toBe('2001:db8:1:2::/64');
    expect(ipRateLimitBucket('2001:0db8:0001:0002::1')).toBe(a);
    expect(ipRateLimitBucket('2001:db8:1:3::1')).not.toBe(a);
    expect(ipRateLimitBucket('::1')).toBe('0:0:0:0::/64');
    expect(ipRateLimitBucket('fe80::1:2:3:4')).toBe('fe80:0:0:0::/64');
  });
});
