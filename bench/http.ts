/**
 * A tiny HTTP/1.1 client for the bench's own requests (sign-in, form fields, SQL counts, First
 * Load JS): node:http, so it may set Host and Origin, and never follows redirects.
 */
import http from 'node:http';

export interface HttpRequest {
  method: 'GET' | 'POST';
  path: string;
  headers?: Record<string, string>;
  body?: Buffer | string;
}

export interface HttpResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
  text(): string;
}

export function request(base: string, req: HttpRequest, timeoutMs = 30_000): Promise<HttpResponse> {
  const url = new URL(req.path, base);
  return new Promise((resolve, reject) => {
    const r = http.request(
      url,
      // A new connection each time: a kept-alive one may be closed by the server (5 s idle) just
      // as it is reused ("socket hang up").
      { method: req.method, headers: req.headers, agent: false, timeout: timeoutMs },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const body = Buffer.concat(chunks);
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body,
            text: () => body.toString('utf8'),
          });
        });
        res.on('error', reject);
      },
    );
    r.on('timeout', () => r.destroy(new Error(`timeout: ${req.method} ${req.path}`)));
    r.on('error', reject);
    if (req.body) r.write(req.body);
    r.end();
  });
}

/** The Set-Cookie values of a response as `name=value` pairs (attributes dropped). */
export function cookiesOf(headers: http.IncomingHttpHeaders): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of headers['set-cookie'] ?? []) {
    const pair = line.split(';')[0] ?? '';
    const eq = pair.indexOf('=');
    if (eq > 0) out.set(pair.slice(0, eq).trim(), pair.slice(eq + 1).trim());
  }
  return out;
}
