/**
 * Request bodies over a sane size are refused before anything parses them (issue: "request
 * bodies over a sane limit are refused"). Server actions have Next's own limit
 * (next.config.ts `serverActions.bodySizeLimit`); route handlers that read a body use this.
 */
export const ROUTE_BODY_LIMIT_BYTES = 64 * 1024;

const tooLarge = () =>
  new Response(null, {
    status: 413,
    headers: { 'Cache-Control': 'no-store', Connection: 'close' },
  });

/**
 * The request as it was, when its body fits in `limit` bytes; a 413 response otherwise. A
 * declared Content-Length over the limit is refused at once; a body without one (chunked) is
 * read up to the limit and no further.
 */
export async function withinBodyLimit(
  request: Request,
  limit = ROUTE_BODY_LIMIT_BYTES,
): Promise<Request | Response> {
  if (!request.body) return request;
  const declared = Number(request.headers.get('content-length') ?? NaN);
  if (Number.isFinite(declared)) return declared > limit ? tooLarge() : request;
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      return tooLarge();
    }
    chunks.push(value);
  }
  return new Request(request, {
    body: new Blob(chunks as BlobPart[]),
    duplex: 'half',
  } as RequestInit);
}
