import { Readable } from 'node:stream';
import { getCurrentUser } from '@/lib/auth/session';
import { contentDisposition } from '@/lib/documents/content-disposition';
import { openDocument } from '@/lib/documents/open-document';
import { documentDeps } from '@/lib/documents/runtime';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

const noStore = { 'Cache-Control': 'private, no-store' };

/**
 * A document's bytes (DOC-03), for its application's owner only and only once clean or not
 * scanned: 404 for anyone else and any other id, existing or not. Always a download
 * (`attachment`), in the type found in its bytes, never sniffed, never cached.
 */
export async function GET(
  _request: Request,
  { params }: { params: Promise<{ id: string }> },
): Promise<Response> {
  const { id } = await params;
  const user = await getCurrentUser();
  const document = user
    ? await openDocument(await documentDeps(), { userId: user.id, documentId: id })
    : null;
  if (!document)
    return new Response('Not found', {
      status: 404,
      headers: { ...noStore, 'Content-Type': 'text/plain; charset=utf-8' },
    });
  return new Response(Readable.toWeb(document.body) as ReadableStream<Uint8Array>, {
    status: 200,
    headers: {
      ...noStore,
      'Content-Type': document.contentType,
      'Content-Length': String(document.size),
      'Content-Disposition': contentDisposition(document.fileName),
      'X-Content-Type-Options': 'nosniff',
    },
  });
}
