import { SIGNATURE_BYTES } from './file-signature';

/**
 * The first `bytes` bytes of an uploaded file (fewer when the file is shorter), or null when
 * reading fails (a broken upload, a storage error): the rules then refuse it as 'unreadable'.
 * Stops reading as soon as it has enough; an iterated stream is closed (for await's return()).
 */
export async function readHead(
  source: Blob | AsyncIterable<Uint8Array>,
  bytes = SIGNATURE_BYTES,
): Promise<Uint8Array | null> {
  try {
    if (source instanceof Blob) return new Uint8Array(await source.slice(0, bytes).arrayBuffer());
    const head = new Uint8Array(bytes);
    let filled = 0;
    for await (const chunk of source) {
      const take = Math.min(chunk.byteLength, bytes - filled);
      head.set(chunk.subarray(0, take), filled);
      filled += take;
      if (filled >= bytes) break;
    }
    return head.subarray(0, filled);
  } catch {
    return null;
  }
}
