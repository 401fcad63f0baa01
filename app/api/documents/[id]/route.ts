import { Readable } from 'node:stream';
import { getCurrentUser } from '@/lib/auth/session';
import { contentDisposition } from '@/lib/documents/content-disposition';
import { openDocument } from '@/lib/documents/open-document';
import { documentDeps } from '@/lib/documents/runtime';
import { getCurrentStaff } from '@/lib/staff/require-staff';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

const noStore = { 'Cache-Control': 'private, no-store' };

/**
 * A document's bytes (DOC-03), for its application's owner, or a staff member with a full
 * session (both factors; any role) once the application is past draft — and only once clean or
 * not scanned: 404 for anyone else and any other id, existing or not. Always a download
 * (`attachment`), in the type found in its bytes, never sniffed, never cached.
 */
export async function GET(
  _request: Request,
  { params }: { params: Promise<{ id: string }> },
): Promise<Response> {
  const { id } = await params;
  const user = await getCurrentUser();
  let document = user
    ? await openDocument(await documentDeps(), { userId: user.id, documentId: id })
    : null;
  if (!document) {
    const staff = await getCurrentStaff();
    if (staff?.stage === 'full') {
      document = await openDocument(await documentDeps(), { staff: true, documentId: id });
    }
  }
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
