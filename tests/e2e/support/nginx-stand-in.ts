import http from 'node:http';

/**
 * What the README's nginx site does to a request, in front of the e2e server: `X-Real-IP` is
 * overwritten with the address the connection came from (`proxy_set_header X-Real-IP
 * $remote_addr;`), that address is appended to `X-Forwarded-For` ($proxy_add_x_forwarded_for),
 * and `Host` passes unchanged. Listens on 127.0.0.1; resolves once listening.
 */
export async function startNginxStandIn(opts: {
  port: number;
  upstream: URL;
}): Promise<{ close: () => Promise<void> }> {
  const server = http.createServer((req, res) => {
    const remote = req.socket.remoteAddress ?? '';
    const forwarded = req.headers['x-forwarded-for'];
    const headers = {
      ...req.headers,
      'x-real-ip': remote,
      'x-forwarded-for': forwarded ? `${String(forwarded)}, ${remote}` : remote,
    };
    const upstream = http.request(
      {
        host: opts.upstream.hostname,
        port: opts.upstream.port,
        method: req.method,
        path: req.url,
        headers,
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => {
      if (!res.headersSent) res.writeHead(502);
      res.end();
    });
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(opts.port, '127.0.0.1', resolve));
  return {
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
}

/**
 * One HTTP request from the given loopback source address (127.0.0.0/8 is all loopback on
 * Linux, so each address is another client as the proxy sees it), or the default one when
 * undefined. Never follows redirects.
 */
export function requestFrom(
  localAddress: string | undefined,
  url: URL,
  opts: { method?: 'GET' | 'POST'; headers?: Record<string, string>; body?: Buffer } = {},
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const r = http.request(
      url,
      { method: opts.method ?? 'GET', headers: opts.headers, localAddress, agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            text: Buffer.concat(chunks).toString('utf8'),
          }),
        );
        res.on('error', reject);
      },
    );
    r.on('error', reject);
    if (opts.body) r.write(opts.body);
    r.end();
  });
}
