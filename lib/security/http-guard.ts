import http from 'node:http';
import { STATIC_SECURITY_HEADERS } from './headers';

/**
 * Methods the fetch standard forbids: Next.js cannot build a Request for them, in middleware or
 * a route handler, and answers 500 with a stack in the log (ERR-01). (CONNECT never reaches
 * here: Node.js hands it to 'connect' listeners, and with none closes the connection.)
 */
const FORBIDDEN_METHODS = new Set(['TRACE', 'TRACK']);
const INSTALLED = Symbol.for('monso.httpGuard');

type Emit = (this: http.Server, event: string | symbol, ...args: unknown[]) => boolean;

/**
 * Runs first on every request the Node.js server receives, before Next.js routes it (installed
 * by instrumentation.ts): the static security headers go on every response, including those
 * Next.js answers before middleware and next.config.ts headers() — its 308 for a trailing slash
 * or a doubled slash (HDR-01) —, and TRACE gets 405 rather than a 500. Next.js's
 * `x-middleware-rewrite` response header, which would name the internal route of every
 * localized page (/fr/connexion → /fr/login), never leaves the server: only the Pages Router's
 * client reads it.
 */
export function installHttpGuard(): void {
  const proto = http.Server.prototype as unknown as { emit: Emit; [INSTALLED]?: true };
  if (proto[INSTALLED]) return;
  proto[INSTALLED] = true;
  const response = http.ServerResponse.prototype;
  const setHeader = response.setHeader;
  response.setHeader = function (name, value) {
    if (name.toLowerCase() === 'x-middleware-rewrite') return this;
    return setHeader.call(this, name, value);
  };
  const emit = proto.emit;
  proto.emit = function (event, ...args) {
    if (event === 'request') {
      const [req, res] = args as [http.IncomingMessage, http.ServerResponse];
      for (const { key, value } of STATIC_SECURITY_HEADERS) res.setHeader(key, value);
      if (FORBIDDEN_METHODS.has(req.method ?? '')) {
        res.writeHead(405, {
          Allow: 'GET, HEAD, POST',
          'Content-Type': 'text/plain; charset=utf-8',
          'Cache-Control': 'no-store',
        });
        res.end('405 Method Not Allowed\n');
        return true;
      }
    }
    return emit.call(this, event, ...args);
  };
}
