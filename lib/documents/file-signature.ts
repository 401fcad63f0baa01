/**
 * Which of the three accepted formats a file is, from its first bytes (magic numbers), whatever
 * its name says (DOC-01).
 *
 * The issue names the `file-type` package "or equal". For exactly three formats its answer is
 * these three prefixes (file-type checks `%PDF` at offset 0, `FF D8 FF` and the PNG signature the
 * same way); tests/unit/file-signature-vs-file-type.test.ts checks the two agree on the accepted
 * formats and on impostors. This stays synchronous on the head the rules already hold; file-type
 * (21.x, installed) is asynchronous and would replace `detectDocumentType` and nothing else.
 */

export type DocumentContentType = 'application/pdf' | 'image/jpeg' | 'image/png';

interface Signature {
  contentType: DocumentContentType;
  /** The extension a stored name gets when its own does not match the content. */
  extension: string;
  /** Extensions that already name this format (lower case, without the dot). */
  extensions: readonly string[];
  magic: readonly number[];
}

export const SIGNATURES: readonly Signature[] = [
  // "%PDF-" (ISO 32000-1, 7.5.2: the header line "%PDF-1.n" opens the file).
  {
    contentType: 'application/pdf',
    extension: 'pdf',
    extensions: ['pdf'],
    magic: [0x25, 0x50, 0x44, 0x46, 0x2d],
  },
  // SOI marker then the first segment's marker byte.
  {
    contentType: 'image/jpeg',
    extension: 'jpg',
    extensions: ['jpg', 'jpeg', 'jpe', 'jfif'],
    magic: [0xff, 0xd8, 0xff],
  },
  // The PNG signature (RFC 2083, 3.1).
  {
    contentType: 'image/png',
    extension: 'png',
    extensions: ['png'],
    magic: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
  },
];

/** How many leading bytes `detectDocumentType` needs to decide. */
export const SIGNATURE_BYTES = Math.max(...SIGNATURES.map((s) => s.magic.length));

/** The format the bytes open with, or null when they open none of the three. */
export function detectDocumentType(head: Uint8Array): DocumentContentType | null {
  const match = SIGNATURES.find(
    ({ magic }) => head.length >= magic.length && magic.every((byte, i) => head[i] === byte),
  );
  return match?.contentType ?? null;
}

export function signatureOf(contentType: DocumentContentType): Signature {
  return SIGNATURES.find((s) => s.contentType === contentType)!;
}
