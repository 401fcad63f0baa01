import { z } from 'zod';
import { completeDocumentUpload } from '@/lib/documents/direct-upload';
import { guardJsonUpload } from '@/lib/documents/json-upload-guard';
import { outcomeResponse, plainText } from '@/lib/documents/upload-request';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

const completeSchema = z.object({ ticket: z.string().min(1).max(2000) });

/**
 * Step 2 of the browser's direct upload (DOC-05): JSON `{ticket}` once the bucket took the
 * file. The object is checked (size, type by content, count) and recorded and scanned, or
 * deleted: the same JSON outcome as the upload route, 201 or the refusal's status; 404 for a
 * ticket that is not this resident's, this application's, or still valid.
 */
export async function POST(
  request: Request,
  { params }: { params: Promise<{ reference: string }> },
): Promise<Response> {
  const { reference } = await params;
  const guarded = await guardJsonUpload(request, reference);
  if (guarded instanceof Response) return guarded;
  const parsed = completeSchema.safeParse(guarded.body);
  if (!parsed.success) return plainText(400, 'Bad request');
  const result = await completeDocumentUpload(guarded.deps, {
    userId: guarded.userId,
    reference,
    ticket: parsed.data.ticket,
  });
  if (result.status === 'not_found') return plainText(404, 'Not found');
  if (result.status === 'not_editable')
    return plainText(409, 'The application can no longer change');
  return outcomeResponse(
    {
      item: '',
      accepted: result.status === 'stored' ? 1 : 0,
      refusals: result.status === 'refused' ? [{ reason: result.reason, name: result.name }] : [],
    },
    'application/json',
  );
}
