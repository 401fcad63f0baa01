import { describe, expect, it } from 'vitest';
import { clientIp, ipRateLimitBucket } from '@/lib/security/client-ip';

const h = (init: Record<string, string>) => new Headers(init);

describe('clientIp (LOG-06)', () => {
  it('reads x-real-ip by default', () => {
    expect(clientIp(h({ 'x-real-ip': '203.0.113.7' }), {})).toBe('203.0.113.7');
  });

  it('LOG-06: ignores X-Forwarded-For by default, however it is set', () => {
    expect(clientIp(h({ 'x-forwarded-for': '198.51.100.1' }), {})).toBe('unknown');
    expect(clientIp(h({ 'x-real-ip': '203.0.113.7', 'x-forwarded-for': '198.51.100.1' }), {})).toBe(
      '203.0.113.7',
    );
  });

  it('LOG-06: gives the same IP whatever random X-Forwarded-For values the client rotates', () => {
    const seen = new Set(
      Array.from({ length: 20 }, (_, i) =>
        clientIp(h({ 'x-real-ip': '203.0.113.7', 'x-forwarded-for': `10.0.0.${i}` }), {}),
      ),
    );
    expect([...seen]).toEqual(['203.0.113.7']);
  });

  it('falls back to unknown without the header', () => {
    expect(clientIp(h({}), {})).toBe('unknown');
  });

  it('takes the first value when the trusted header holds several', () => {
    expect(clientIp(h({ 'x-real-ip': '203.0.113.7, 198.51.100.1' }), {})).toBe('203.0.113.7');
  });

  it('says unknown for a value that is not an IP address', () => {
    expect(clientIp(h({ 'x-real-ip': 'evil<script>' }), {})).toBe('unknown');
    expect(clientIp(h({ 'x-real-ip': '203.0.113.7:443' }), {})).toBe('unknown');
  });

  it('normalizes IPv6: lowercase, brackets removed, IPv4-mapped addresses as IPv4', () => {
    expect(clientIp(h({ 'x-real-ip': '2001:DB8::1' }), {})).toBe('2001:db8::1');
    expect(clientIp(h({ 'x-real-ip': '[2001:db8::1]' }), {})).toBe('2001:db8::1');
    expect(clientIp(h({ 'x-real-ip': '::ffff:203.0.113.7' }), {})).toBe('203.0.113.7');
  });

  it('uses the header TRUSTED_IP_HEADER names instead (case-insensitively)', () => {
    const env = { TRUSTED_IP_HEADER: 'CF-Connecting-IP' };
    expect(clientIp(h({ 'cf-connecting-ip': '192.0.2.9', 'x-real-ip': '203.0.113.7' }), env)).toBe(
      '192.0.2.9',
    );
    expect(clientIp(h({ 'x-real-ip': '203.0.113.7' }), env)).toBe('unknown');
  });

  it('takes the LAST X-Forwarded-For entry when that header is the trusted one', () => {
    const env = { TRUSTED_IP_HEADER: 'x-forwarded-for' };
    expect(clientIp(h({ 'x-forwarded-for': '1.1.1.1, 2.2.2.2, 203.0.113.7' }), env)).toBe(
      '203.0.113.7',
    );
    expect(clientIp(h({ 'x-forwarded-for': '203.0.113.7' }), env)).toBe('203.0.113.7');
  });

  it('reads process.env.TRUSTED_IP_HEADER when no env is passed', () => {
    const before = process.env.TRUSTED_IP_HEADER;
    delete process.env.TRUSTED_IP_HEADER;
    try {
      expect(clientIp(h({ 'x-real-ip': '203.0.113.7' }))).toBe('203.0.113.7');
    } finally {
      if (before !== undefined) process.env.TRUSTED_IP_HEADER = before;
    }
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
