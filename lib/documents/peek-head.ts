import { toNodeReadable, type ByteSource } from '@/lib/storage/storage';
import { SIGNATURE_BYTES } from './file-signature';

/**
 * The first bytes of a stream, and the whole stream again (those bytes then the rest), without
 * holding more than one chunk: the rules look at the head before a byte is stored. `head` is null
 * when reading failed (the rules then refuse the file as 'unreadable').
 */
export async function peekHead(
  source: ByteSource,
  bytes = SIGNATURE_BYTES,
): Promise<{ head: Uint8Array | null; body: AsyncIterable<Uint8Array>; discard(): void }> {
  const readable = toNodeReadable(source);
  const iterator = readable[Symbol.asyncIterator]() as AsyncIterator<Uint8Array>;
  const taken: Uint8Array[] = [];
  let length = 0;
  let done = false;
  let head: Uint8Array | null;
  try {
    while (length < bytes) {
      const next = await iterator.next();
      if (next.done) {
        done = true;
        break;
      }
      taken.push(next.value);
      length += next.value.byteLength;
    }
    head = Buffer.concat(taken).subarray(0, bytes);
  } catch {
    head = null;
    done = true;
  }
  async function* body(): AsyncGenerator<Uint8Array> {
    yield* taken;
    if (done) return;
    while (true) {
      const next = await iterator.next();
      if (next.done) return;
      yield next.value;
    }
  }
  return {
    head,
    body: body(),
    // A refused file: the rest is read and dropped, so a multipart parser moves on to the next.
    discard: () => {
      if (done) return;
      void (async () => {
        while (!(await iterator.next()).done);
      })().catch(() => {});
    },
  };
}
