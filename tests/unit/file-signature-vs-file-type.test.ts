import { fileTypeFromBuffer } from 'file-type';
import { describe, expect, it } from 'vitest';
import { detectDocumentType } from '@/lib/documents/file-signature';

/**
 * DOC-01's type-by-content check, compared with the `file-type` package the issue names: for the
 * three accepted formats and for common impostors, both give the same verdict (accepted as this
 * type, or refused).
 */
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  Buffer.from([0, 0, 0, 13]),
  Buffer.from('IHDR'),
  Buffer.alloc(17),
]);
const SAMPLES: Array<[string, Buffer]> = [
  ['PDF', Buffer.from('%PDF-1.7\n1 0 obj <<>> endobj\n%%EOF\n')],
  ['JPEG', Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16]), Buffer.from('JFIF\0')])],
  ['PNG', png],
  ['Windows executable', Buffer.concat([Buffer.from('MZ'), Buffer.alloc(256, 0)])],
  ['ZIP', Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(64, 0)])],
  ['GIF', Buffer.concat([Buffer.from('GIF89a'), Buffer.alloc(32, 0)])],
  ['ELF', Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46]), Buffer.alloc(64, 1)])],
  ['HTML', Buffer.from('<!doctype html><script>alert(1)</script>')],
  ['text', Buffer.from('just some words, nothing else')],
];
const ALLOWED = new Set(['application/pdf', 'image/jpeg', 'image/png']);

describe('DOC-01: the content check agrees with file-type', () => {
  it.each(SAMPLES)('%s', async (_label, bytes) => {
    const theirs = (await fileTypeFromBuffer(bytes))?.mime;
    const ours = detectDocumentType(bytes);
    expect(ours).toBe(theirs && ALLOWED.has(theirs) ? theirs : null);
  });
});
