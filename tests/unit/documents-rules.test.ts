import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { createTranslator } from 'next-intl';
import { describe, expect, it } from 'vitest';
import { detectDocumentType, SIGNATURE_BYTES } from '@/lib/documents/file-signature';
import { readHead } from '@/lib/documents/read-head';
import { documentStorageKey, parseDocumentStorageKey } from '@/lib/documents/storage-key';
import { assertValidKey } from '@/lib/storage/storage';
import {
  checkFileCount,
  checkFileSize,
  checkUpload,
  cleanFileName,
  FALLBACK_NAME,
  MAX_FILE_BYTES,
  MAX_FILES_PER_APPLICATION,
  MAX_NAME_LENGTH,
  nameForContent,
  REFUSAL_REASONS,
  refusalMessageValues,
  type UploadCandidate,
} from '@/lib/documents/rules';
import en from '@/messages/en.json';
import fr from '@/messages/fr.json';

const bytes = (...values: number[]) => new Uint8Array(values);
const ascii = (text: string) => new TextEncoder().encode(text);

const PDF = ascii('%PDF-1.7\n%âãÏÓ\n1 0 obj\n');
const JPEG = bytes(0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46);
const PNG = bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d);
// A Windows executable ("MZ" then the DOS stub), an ELF binary, a ZIP (a .docx is one).
const EXE = bytes(0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0x04, 0x00);
const ELF = bytes(0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00);
const ZIP = bytes(0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00);

const candidate = (overrides: Partial<UploadCandidate> = {}): UploadCandidate => ({
  name: 'plan.pdf',
  size: 120_000,
  head: PDF,
  existingCount: 0,
  ...overrides,
});

describe('detectDocumentType', () => {
  it('recognizes PDF, JPEG and PNG by their first bytes', () => {
    expect(detectDocumentType(PDF)).toBe('application/pdf');
    expect(detectDocumentType(JPEG)).toBe('image/jpeg');
    expect(detectDocumentType(PNG)).toBe('image/png');
  });

  it('recognizes nothing else, and nothing from a prefix cut short', () => {
    for (const head of [EXE, ELF, ZIP, ascii('<html>'), ascii('%PDF'), bytes(0xff, 0xd8)])
      expect(detectDocumentType(head)).toBeNull();
    // Seven of the eight PNG signature bytes, then a wrong eighth.
    expect(detectDocumentType(bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x00))).toBeNull();
    expect(detectDocumentType(new Uint8Array(0))).toBeNull();
    // The signature must open the file, not appear later in it.
    expect(detectDocumentType(new Uint8Array([0x20, ...PDF]))).toBeNull();
  });

  it('needs at most SIGNATURE_BYTES bytes to decide', () => {
    expect(SIGNATURE_BYTES).toBe(8);
    expect(detectDocumentType(PNG.subarray(0, SIGNATURE_BYTES))).toBe('image/png');
  });
});

describe('cleanFileName', () => {
  it('DOC-01: keeps only the last part of a path, with / or \\', () => {
    expect(cleanFileName('../../etc/passwd.pdf')).toBe('passwd.pdf');
    expect(cleanFileName('C:\\Users\\Léa\\Documents\\plan du sous-sol.pdf')).toBe(
      'plan du sous-sol.pdf',
    );
    expect(cleanFileName('..\\..\\windows\\win.ini')).toBe('win.ini');
    expect(cleanFileName('/')).toBe(FALLBACK_NAME);
  });

  it('DOC-01: removes control characters and the characters that reorder text', () => {
    expect(cleanFileName('plan\u0000\u0007\u001b[31m.pdf')).toBe('plan[31m.pdf');
    expect(cleanFileName('plan\u007f\u0085\u009b.pdf')).toBe('plan.pdf');
    // "facture\u202Efdp.exe" shows as "factureexe.pdf" in a list: the override goes.
    expect(cleanFileName('facture\u202efdp.exe')).toBe('facturefdp.exe');
    expect(cleanFileName('\u2066plan\u2069\u200f\u200e\u061c\ufeff\u200b.pdf')).toBe('plan.pdf');
  });

  it('turns line breaks and tabs into spaces and collapses white space', () => {
    expect(cleanFileName('plan\r\nde\tsite.pdf')).toBe('plan de site.pdf');
    expect(cleanFileName('   plan    de \u00a0 site  .pdf  ')).toBe('plan de site.pdf');
    expect(cleanFileName('plan\u2028site.pdf')).toBe('plan site.pdf');
  });

  it('removes leading dots, so no name is hidden or relative', () => {
    expect(cleanFileName('.htaccess')).toBe('htaccess');
    expect(cleanFileName('...plan.pdf')).toBe('plan.pdf');
    expect(cleanFileName('.pdf')).toBe(`${FALLBACK_NAME}.pdf`);
    expect(cleanFileName('..')).toBe(FALLBACK_NAME);
  });

  it('keeps the extension and accented letters', () => {
    expect(cleanFileName('Élévation-Nord_v2.JPEG')).toBe('Élévation-Nord_v2.JPEG');
    expect(cleanFileName('plan..pdf')).toBe('plan.pdf');
    // Decomposed "é" (e + combining accent, as macOS sends it) is stored composed.
    expect(cleanFileName('e\u0301le\u0301vation.png')).toBe('élévation.png');
  });

  it(`caps a long name at ${MAX_NAME_LENGTH} characters and keeps its extension`, () => {
    const cleaned = cleanFileName(`${'a'.repeat(400)}.pdf`);
    expect(cleaned).toHaveLength(MAX_NAME_LENGTH);
    expect(cleaned.endsWith('.pdf')).toBe(true);
    // Counted in characters: an emoji or an accented letter is never cut in half.
    const wide = cleanFileName(`${'😀'.repeat(200)}.png`);
    expect(Array.from(wide)).toHaveLength(MAX_NAME_LENGTH);
    expect(wide.endsWith('.png')).toBe(true);
    expect(wide).not.toMatch(/[\uD800-\uDFFF](?![\uDC00-\uDFFF])/u);
  });

  it('gives a fallback name when nothing of the name is left', () => {
    for (const raw of ['', '   ', '\u0000\u0001', '\u202e', '...', 'a/b/'])
      expect(cleanFileName(raw)).toBe(FALLBACK_NAME);
  });

  it('is idempotent', () => {
    for (const raw of ['../x/ plan .pdf', '\u202eabc', `${'b'.repeat(300)}.jpeg`, '.png'])
      expect(cleanFileName(cleanFileName(raw))).toBe(cleanFileName(raw));
  });
});

describe('nameForContent', () => {
  it('keeps an extension that already names the content, in any case', () => {
    expect(nameForContent('plan.PDF', 'application/pdf')).toBe('plan.PDF');
    expect(nameForContent('photo.jpeg', 'image/jpeg')).toBe('photo.jpeg');
    expect(nameForContent('photo.JPG', 'image/jpeg')).toBe('photo.JPG');
  });

  it('adds the extension of the content found, so a download opens in the right program', () => {
    expect(nameForContent('plan', 'application/pdf')).toBe('plan.pdf');
    expect(nameForContent('plan.exe', 'application/pdf')).toBe('plan.exe.pdf');
    expect(nameForContent('photo.pdf', 'image/png')).toBe('photo.pdf.png');
    const long = nameForContent(`${'c'.repeat(MAX_NAME_LENGTH)}`, 'image/png');
    expect(long).toHaveLength(MAX_NAME_LENGTH);
    expect(long.endsWith('.png')).toBe(true);
  });
});

describe('checkFileSize and checkFileCount', () => {
  it('DOC-01: refuses 0 bytes as empty and more than 30 MB as too big', () => {
    expect(MAX_FILE_BYTES).toBe(30 * 1024 * 1024);
    expect(checkFileSize(0)).toBe('empty');
    expect(checkFileSize(1)).toBe('ok');
    expect(checkFileSize(MAX_FILE_BYTES)).toBe('ok');
    expect(checkFileSize(MAX_FILE_BYTES + 1)).toBe('too_big');
    expect(checkFileSize(31 * 1024 * 1024)).toBe('too_big');
    expect(checkFileSize(Number.NaN)).toBe('too_big');
    expect(checkFileSize(-1)).toBe('too_big');
  });

  it('DOC-01: refuses the 51st file of an application', () => {
    expect(MAX_FILES_PER_APPLICATION).toBe(50);
    expect(checkFileCount(49)).toBe('ok');
    expect(checkFileCount(50)).toBe('too_many');
    expect(checkFileCount(48, 2)).toBe('ok');
    expect(checkFileCount(48, 3)).toBe('too_many');
  });
});

describe('checkUpload', () => {
  it('accepts a PDF, a JPEG and a PNG, with the type found in the bytes', () => {
    expect(checkUpload(candidate())).toEqual({
      ok: true,
      name: 'plan.pdf',
      contentType: 'application/pdf',
    });
    expect(checkUpload(candidate({ name: 'façade.jpg', head: JPEG }))).toMatchObject({
      ok: true,
      contentType: 'image/jpeg',
    });
    expect(checkUpload(candidate({ name: 'site.png', head: PNG }))).toMatchObject({
      ok: true,
      contentType: 'image/png',
    });
  });

  it('DOC-01: refuses a .pdf that holds an executable, whatever its name says', () => {
    for (const head of [EXE, ELF, ZIP])
      expect(checkUpload(candidate({ name: 'plan.pdf', head }))).toEqual({
        ok: false,
        reason: 'wrong_type',
        name: 'plan.pdf',
      });
  });

  it('accepts a real PDF whatever its name says, and names it for what it is', () => {
    expect(checkUpload(candidate({ name: 'plan.exe' }))).toMatchObject({
      ok: true,
      name: 'plan.exe.pdf',
      contentType: 'application/pdf',
    });
  });

  it('DOC-01: refuses a 31 MB file as too big before looking at its content', () => {
    expect(checkUpload(candidate({ size: 31 * 1024 * 1024, head: null }))).toMatchObject({
      ok: false,
      reason: 'too_big',
    });
  });

  it('DOC-01: refuses a 0-byte file as empty', () => {
    expect(checkUpload(candidate({ size: 0, head: new Uint8Array(0) }))).toMatchObject({
      ok: false,
      reason: 'empty',
    });
  });

  it('DOC-01: refuses a file past the 50th as too many, and names the file', () => {
    expect(checkUpload(candidate({ existingCount: 50, name: '../coupe.pdf' }))).toEqual({
      ok: false,
      reason: 'too_many',
      name: 'coupe.pdf',
    });
    expect(checkUpload(candidate({ existingCount: 49 }))).toMatchObject({ ok: true });
  });

  it('DOC-01: cleans the name of a path: ../../etc/passwd.pdf is stored as passwd.pdf', () => {
    expect(checkUpload(candidate({ name: '../../etc/passwd.pdf' }))).toMatchObject({
      ok: true,
      name: 'passwd.pdf',
    });
  });

  it('refuses a file whose first bytes could not be read, or fewer than it claims', () => {
    expect(checkUpload(candidate({ head: null }))).toMatchObject({ reason: 'unreadable' });
    expect(checkUpload(candidate({ head: PDF.subarray(0, 3) }))).toMatchObject({
      reason: 'unreadable',
    });
    // A 3-byte file gives 3 bytes: readable, and not one of the three formats.
    expect(checkUpload(candidate({ size: 3, head: PDF.subarray(0, 3) }))).toMatchObject({
      reason: 'wrong_type',
    });
  });

  it('applies the rules in order: count, size, readability, type', () => {
    const everythingWrong = candidate({ existingCount: 50, size: 0, head: null });
    expect(checkUpload(everythingWrong)).toMatchObject({ reason: 'too_many' });
    expect(checkUpload({ ...everythingWrong, existingCount: 0 })).toMatchObject({
      reason: 'empty',
    });
    expect(checkUpload({ ...everythingWrong, existingCount: 0, size: 10 })).toMatchObject({
      reason: 'unreadable',
    });
    expect(checkUpload(candidate({ head: EXE }))).toMatchObject({ reason: 'wrong_type' });
  });
});

describe('readHead', () => {
  it('reads the first bytes of a Blob or of a stream, and stops there', async () => {
    expect(await readHead(new Blob([PNG]))).toEqual(PNG.subarray(0, 8));
    let pulled = 0;
    const endless = new Readable({
      read() {
        pulled += 1;
        this.push(bytes(0x25));
        this.push(ascii('PDF-1.4'));
      },
    });
    expect(await readHead(endless)).toEqual(ascii('%PDF-1.4'));
    expect(endless.destroyed).toBe(true);
    expect(pulled).toBeLessThan(5);
  });

  it('gives the whole file when it is shorter, and null when reading fails', async () => {
    expect(await readHead(new Blob([bytes(1, 2)]))).toEqual(bytes(1, 2));
    const broken = new Readable({
      read() {
        this.destroy(new Error('connection reset'));
      },
    });
    expect(await readHead(broken)).toBeNull();
  });
});

describe('Documents.errors messages', () => {
  const name = 'plan « 1 ».pdf';
  for (const [locale, messages] of [
    ['fr', fr],
    ['en', en],
  ] as const) {
    it(`DOC-01: gives each refusal its own message naming the file (${locale})`, () => {
      const t = createTranslator({ locale, messages, namespace: 'Documents.errors' });
      const texts = REFUSAL_REASONS.map((reason) => t(reason, refusalMessageValues(name)));
      expect(new Set(texts).size).toBe(REFUSAL_REASONS.length);
      for (const text of texts) expect(text).toContain(name);
      expect(texts[REFUSAL_REASONS.indexOf('too_big')]).toMatch(/30\u00a0Mo|30 MB/);
      expect(texts[REFUSAL_REASONS.indexOf('too_many')]).toContain('50');
    });
  }
});

describe('documentStorageKey', () => {
  const applicationId = '0192f1aa-7c1e-7b3e-9a55-2b7b3c4d5e6f';
  const documentId = randomUUID();

  it('DOC-01: stores a document under generated ids only, never its name', () => {
    const key = documentStorageKey(applicationId, documentId);
    expect(key).toBe(`applications/${applicationId}/${documentId}`);
    expect(() => assertValidKey(key)).not.toThrow();
    expect(parseDocumentStorageKey(key)).toEqual({ applicationId, documentId });
    for (const bad of ['plan.pdf', '../x', '', applicationId.toUpperCase()])
      expect(() => documentStorageKey(applicationId, bad)).toThrow(/not a generated id/);
  });

  it('reads back only the keys it makes', () => {
    for (const key of [
      `applications/${applicationId}`,
      `applications/${applicationId}/${documentId}/x`,
      `other/${applicationId}/${documentId}`,
      `applications/${applicationId}/plan.pdf`,
    ])
      expect(parseDocumentStorageKey(key)).toBeNull();
  });
});
