import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STATIC_SECURITY_HEADERS } from '@/lib/security/headers';
import { installHttpGuard } from '@/lib/security/http-guard';

/** A server that answers as Next.js does before its headers() and middleware: bare. */
let server: http.Server;
let port = 0;

beforeAll(async () => {
  installHttpGuard();
  installHttpGuard(); // twice, as a second Next.js server in the process would: one guard
  server = http.createServer((req, res) => {
    res.setHeader('x-middleware-rewrite', '/fr/login');
    res.statusCode = 308;
    res.setHeader('Location', '/fr/connexion');
    res.end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

function send(method: string): Promise<http.IncomingMessage> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method, path: '/fr/connexion/' }, (res) => {
      res.resume();
      resolve(res);
    });
    req.on('error', reject);
    req.end();
  });
}

describe('installHttpGuard', () => {
  it('HDR-01: puts the security headers on a response Next.js sends before its own headers (its 308s)', async () => {
    const res = await send('GET');
    expect(res.statusCode).toBe(308);
    for (const { key, value } of STATIC_SECURITY_HEADERS) {
      expect(res.headers[key.toLowerCase()], key).toBe(value);
    }
  });

  it('HDR-02: never sends x-middleware-rewrite, which names the internal route', async () => {
    const res = await send('GET');
    expect(res.headers['x-middleware-rewrite']).toBeUndefined();
    expect(res.headers['location']).toBe('/fr/connexion');
  });

  it('ERR-01: answers TRACE 405 with Allow, before Next.js fails to build a Request for it', async () => {
    const res = await send('TRACE');
    expect(res.statusCode).toBe(405);
    expect(res.headers['allow']).toBe('GET, HEAD, POST');
    expect(res.headers['strict-transport-security']).toBeTruthy();
  });
});
