/**
 * The upload rules (DOC-01), as pure functions: what the Documents step, the plain-form upload
 * route and the S3 "check the object after the browser posted it" path all apply, in this order:
 * count, size, readability, type by content. The name a file is stored under is cleaned here too.
 */
import {
  detectDocumentType,
  SIGNATURE_BYTES,
  SIGNATURES,
  signatureOf,
  type DocumentContentType,
} from './file-signature';

export type { DocumentContentType } from './file-signature';

/** 30 MB, the largest file accepted (BOPS's limit; the issue's). */
export const MAX_FILE_BYTES = 30 * 1024 * 1024;
/** The most files one application may hold, all checklist items together. */
export const MAX_FILES_PER_APPLICATION = 50;
/** The longest cleaned name, in characters, extension included. */
export const MAX_NAME_LENGTH = 150;
/** The name given to a file when cleaning leaves nothing of its own. */
export const FALLBACK_NAME = 'document';

/** Why a file is refused; each has its message at `Documents.errors.<reason>`. */
export const REFUSAL_REASONS = [
  'too_big',
  'wrong_type',
  'too_many',
  'empty',
  'unreadable',
] as const;
export type RefusalReason = (typeof REFUSAL_REASONS)[number];

export type UploadCheck =
  | { ok: true; name: string; contentType: DocumentContentType }
  | { ok: false; reason: RefusalReason; name: string };

/** What the rules look at: the name the browser sent, the size, and the first bytes. */
export interface UploadCandidate {
  name: string;
  size: number;
  /**
   * The file's first bytes (at least SIGNATURE_BYTES when the file is that long), or null when
   * they could not be read (see readHead).
   */
  head: Uint8Array | null;
  /** Files the application already holds (accepted ones, every checklist item). */
  existingCount: number;
}

// Characters that reorder or hide text: bidi embeddings, overrides and isolates, the Arabic
// letter mark, the left-to-right and right-to-left marks, zero-width space, byte order mark.
// "invoice\u202Efdp.exe" displays as "invoiceexe.pdf".
const INVISIBLE = /[\u061c\u200b\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g;
// Line breaks and tabs become spaces (then collapse); every other control character goes.
const WHITESPACE_CONTROLS = /[\t\n\v\f\r\u0085\u2028\u2029]/g;
const CONTROLS = /\p{Cc}/gu;
const DOCUMENT_EXTENSIONS = new Set(SIGNATURES.flatMap((s) => s.extensions));
const EXTENSION = /^(.*)\.([\p{L}\p{N}]{1,10})$/u;

function codePoints(text: string): string[] {
  return Array.from(text);
}

/** Base and extension joined, the base shortened so the whole fits MAX_NAME_LENGTH. */
function joinCapped(base: string, extension: string): string {
  const suffix = extension ? `.${extension}` : '';
  const room = MAX_NAME_LENGTH - codePoints(suffix).length;
  let kept = codePoints(base).slice(0, room).join('');
  kept = kept.replace(/[.\s]+$/u, '');
  return `${kept || FALLBACK_NAME}${suffix}`;
}

function splitExtension(name: string): { base: string; extension: string } {
  const match = EXTENSION.exec(name);
  return match
    ? { base: match[1] ?? '', extension: match[2] ?? '' }
    : { base: name, extension: '' };
}

/**
 * A file name fit to show and to offer on download: no folders ("C:\Users\x\plan.pdf" and
 * "../../etc/passwd.pdf" keep their last part), no control or text-reordering characters, no
 * leading dots, one space wherever there was white space, at most MAX_NAME_LENGTH characters with
 * the extension kept, and FALLBACK_NAME when nothing is left.
 */
export function cleanFileName(raw: string): string {
  let name = raw.normalize('NFC').replace(WHITESPACE_CONTROLS, ' ');
  name = name.replace(CONTROLS, '').replace(INVISIBLE, '');
  name = name.slice(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
  name = name.replace(/\s+/gu, ' ').trim();
  // ".pdf" alone is a document's extension without a name, not a hidden file called "pdf".
  const onlyExtension = /^\.+([\p{L}\p{N}]{1,10})$/u.exec(name)?.[1];
  if (onlyExtension && DOCUMENT_EXTENSIONS.has(onlyExtension.toLowerCase()))
    return joinCapped('', onlyExtension);
  name = name.replace(/^[.\s]+/u, '').replace(/[.\s]+$/u, '');
  const { base, extension } = splitExtension(name);
  return joinCapped(base.replace(/[.\s]+$/u, ''), extension);
}

/**
 * The cleaned name with an extension that says what the content is: "plan.PDF" stays,
 * "plan" becomes "plan.pdf", "plan.exe" holding a PDF becomes "plan.exe.pdf", so a download
 * never opens in the program its original name pointed to.
 */
export function nameForContent(cleaned: string, contentType: DocumentContentType): string {
  const signature = signatureOf(contentType);
  const { extension } = splitExtension(cleaned);
  if (signature.extensions.includes(extension.toLowerCase())) return cleaned;
  return joinCapped(cleaned, signature.extension);
}

/** 'too_many' when adding `adding` files to `existingCount` passes the limit. */
export function checkFileCount(existingCount: number, adding = 1): 'ok' | 'too_many' {
  return existingCount + adding > MAX_FILES_PER_APPLICATION ? 'too_many' : 'ok';
}

/** 'empty' for 0 bytes, 'too_big' past MAX_FILE_BYTES. */
export function checkFileSize(size: number): 'ok' | 'empty' | 'too_big' {
  if (!Number.isFinite(size) || size < 0) return 'too_big';
  if (size === 0) return 'empty';
  return size > MAX_FILE_BYTES ? 'too_big' : 'ok';
}

/**
 * Every rule, in order: count, size, readability, type by content. On success, the name to
 * store and the content type found in the bytes (never the one the browser declared).
 * For several files at once, call it per file with existingCount raised by each accepted one.
 */
export function checkUpload(candidate: UploadCandidate): UploadCheck {
  const name = cleanFileName(candidate.name);
  const refuse = (reason: RefusalReason): UploadCheck => ({ ok: false, reason, name });
  if (checkFileCount(candidate.existingCount) === 'too_many') return refuse('too_many');
  const size = checkFileSize(candidate.size);
  if (size !== 'ok') return refuse(size);
  const { head } = candidate;
  // Fewer bytes than the file claims to start with: the upload was cut short.
  if (head === null || head.length < Math.min(candidate.size, SIGNATURE_BYTES))
    return refuse('unreadable');
  const contentType = detectDocumentType(head);
  if (!contentType) return refuse('wrong_type');
  return { ok: true, name: nameForContent(name, contentType), contentType };
}

/** The values every `Documents.errors.<reason>` message may use. */
export function refusalMessageValues(name: string): {
  name: string;
  maxMegabytes: number;
  maxFiles: number;
} {
  return {
    name,
    maxMegabytes: MAX_FILE_BYTES / (1024 * 1024),
    maxFiles: MAX_FILES_PER_APPLICATION,
  };
}
