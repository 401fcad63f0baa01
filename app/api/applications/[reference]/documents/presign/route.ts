import { z } from 'zod';
import { presignDocumentUpload } from '@/lib/documents/direct-upload';
import { guardJsonUpload } from '@/lib/documents/json-upload-guard';
import { REFUSAL_STATUS, plainText } from '@/lib/documents/upload-request';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

const presignSchema = z.object({
  item: z.string().regex(/^[a-zA-Z]{1,40}$/),
  name: z.string().min(1).max(1000),
  size: z.number().int().nonnegative(),
  type: z.string().max(200),
});

/**
 * Step 1 of the browser's direct upload to the bucket (STORAGE_DRIVER=s3, DOC-05): JSON
 * `{item, name, size, type}` → 200 `{url, fields, ticket}` (the presigned POST and what to say
 * afterwards), a refusal known before sending (413 too big, 400 empty, 409 too many:
 * `{refusals: [{reason, name}]}`), 404 for an application or item that is not the asker's,
 * 409 once submitted, 422 when the file must go through the app instead (no bucket, or a type
 * the bucket may not take: the script then posts it to the upload route).
 */
export async function POST(
  request: Request,
  { params }: { params: Promise<{ reference: string }> },
): Promise<Response> {
  const { reference } = await params;
  const guarded = await guardJsonUpload(request, reference);
  if (guarded instanceof Response) return guarded;
  const parsed = presignSchema.safeParse(guarded.body);
  if (!parsed.success) return plainText(400, 'Bad request');
  const result = await presignDocumentUpload(guarded.deps, {
    userId: guarded.userId,
    reference,
    item: parsed.data.item,
    fileName: parsed.data.name,
    size: parsed.data.size,
    contentType: parsed.data.type,
  });
  const noStore = { 'Cache-Control': 'no-store' };
  switch (result.status) {
    case 'ok':
      return Response.json(
        { url: result.post.url, fields: result.post.fields, ticket: result.ticket },
        { headers: noStore },
      );
    case 'refused':
      return Response.json(
        { accepted: 0, refusals: [{ reason: result.reason, name: result.name }] },
        { status: REFUSAL_STATUS[result.reason], headers: noStore },
      );
    case 'not_found':
      return plainText(404, 'Not found');
    case 'not_editable':
      return plainText(409, 'The application can no longer change');
    case 'unsupported':
      return plainText(422, 'Send this file through the upload route');
  }
}
