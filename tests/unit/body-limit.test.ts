import { describe, expect, it } from 'vitest';
import { ROUTE_BODY_LIMIT_BYTES, withinBodyLimit } from '@/lib/security/body-limit';

const url = 'http://localhost/api/auth/callback/credentials';

function chunked(bytes: number): Request {
  const chunk = new Uint8Array(1024).fill(97);
  let sent = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent >= bytes) return controller.close();
      sent += chunk.byteLength;
      controller.enqueue(chunk);
    },
  });
  return new Request(url, { method: 'POST', body, duplex: 'half' } as RequestInit);
}

describe('withinBodyLimit', () => {
  it('refuses a declared body over 64 kB with 413, before reading it', async () => {
    const request = new Request(url, {
      method: 'POST',
      body: 'x'.repeat(ROUTE_BODY_LIMIT_BYTES + 1),
    });
    const result = await withinBodyLimit(request);
    expect(result).toBeInstanceOf(Response);
    expect((result as Response).status).toBe(413);
  });

  it('refuses a chunked body once it passes 64 kB, and keeps a small one intact', async () => {
    const big = await withinBodyLimit(chunked(200 * 1024));
    expect((big as Response).status).toBe(413);
    const small = await withinBodyLimit(chunked(4 * 1024));
    expect(small).toBeInstanceOf(Request);
    expect((await (small as Request).text()).length).toBe(4 * 1024);
  });

  it('lets an ordinary form through with its body intact', async () => {
    const request = new Request(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ email: 'a@example.ca', password: 'x' }),
    });
    const result = await withinBodyLimit(request);
    expect(result).toBeInstanceOf(Request);
    expect(Object.fromEntries(await (result as Request).formData())).toEqual({
      email: 'a@example.ca',
      password: 'x',
    });
  });
});
