import { randomUUID } from 'node:crypto';
import { createWriteStream, type Dirent } from 'node:fs';
import { mkdir, open, readdir, rename, rm, stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import {
  assertValidKey,
  assertValidPrefix,
  closed,
  StorageKeyError,
  StorageSizeError,
  toNodeReadable,
  type ByteSource,
  type ListedObject,
  type ObjectInfo,
  type PutOptions,
  type Storage,
} from './storage';

/** Where a write in progress lives; the key grammar has no name starting with ".". */
const TEMPORARY_DIR = '.tmp';

function isMissing(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}

/** Counts the bytes going through and stops the stream once they pass `limit`. */
function byteCounter(limit: number) {
  let received = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      received += chunk.byteLength;
      if (received > limit) callback(new StorageSizeError('too_big', received));
      else callback(null, chunk);
    },
  });
  return { counter, received: () => received };
}

/** fsync: the bytes (or, for a folder, the rename into it) survive a power cut. */
async function sync(target: string): Promise<void> {
  const handle = await open(target, 'r');
  try {
    await handle.sync();
  } catch (error) {
    // Some filesystems refuse fsync on a folder (EINVAL, EISDIR); the file itself was synced.
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'EINVAL' && code !== 'EISDIR' && code !== 'EPERM') throw error;
  } finally {
    await handle.close();
  }
}

/**
 * The local-filesystem store: one file per key under `root` (outside public/, so nothing is
 * served without the download route). A put streams into `root/.tmp/<random>`, is synced, then
 * renamed into place: a crash leaves no partial object under any key, at worst a temporary file
 * that removeStaleTemporaryFiles clears. Files are readable by the server's user only.
 */
export class FsStorage implements Storage {
  readonly driver = 'fs';
  readonly root: string;

  constructor(root: string) {
    this.root = path.resolve(root);
  }

  private pathOf(key: string): string {
    assertValidKey(key);
    const target = path.join(this.root, ...key.split('/'));
    const relative = path.relative(this.root, target);
    // The grammar already rules these out; a second check costs nothing.
    if (!relative || relative.startsWith('..') || path.isAbsolute(relative))
      throw new StorageKeyError(key);
    return target;
  }

  async put(key: string, body: ByteSource, options: PutOptions): Promise<{ size: number }> {
    const target = this.pathOf(key);
    const temporaryDir = path.join(this.root, TEMPORARY_DIR);
    await mkdir(temporaryDir, { recursive: true, mode: 0o700 });
    await mkdir(path.dirname(target), { recursive: true, mode: 0o700 });
    const temporary = path.join(temporaryDir, `${randomUUID()}.part`);
    const limit = Math.min(options.maxBytes ?? Infinity, options.size ?? Infinity);
    const { counter, received } = byteCounter(limit);
    const sink = createWriteStream(temporary, { flags: 'wx', mode: 0o600 });
    try {
      await pipeline(toNodeReadable(body), counter, sink);
      if (options.size !== undefined && received() !== options.size)
        throw new StorageSizeError('size_mismatch', received());
      await sync(temporary);
      await rename(temporary, target);
      await sync(path.dirname(target));
    } catch (error) {
      await closed(sink);
      await rm(temporary, { force: true });
      throw error;
    }
    return { size: received() };
  }

  async head(key: string): Promise<ObjectInfo | null> {
    try {
      const info = await stat(this.pathOf(key));
      return info.isFile() ? { size: info.size, lastModified: info.mtime } : null;
    } catch (error) {
      if (isMissing(error)) return null;
      throw error;
    }
  }

  async get(key: string) {
    const target = this.pathOf(key);
    let handle;
    try {
      handle = await open(target, 'r');
    } catch (error) {
      if (isMissing(error)) return null;
      throw error;
    }
    const info = await handle.stat();
    if (!info.isFile()) {
      await handle.close();
      return null;
    }
    // The stream closes the handle when it ends or is destroyed.
    const body = handle.createReadStream();
    return { body, size: info.size, lastModified: info.mtime };
  }

  async delete(key: string): Promise<void> {
    try {
      await unlink(this.pathOf(key));
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      // Nothing there, or a folder that only looks like a key: nothing to delete either way.
      if (isMissing(error) || code === 'EISDIR' || code === 'EPERM') return;
      throw error;
    }
  }

  async *list(prefix: string): AsyncIterable<ListedObject> {
    assertValidPrefix(prefix);
    // Walk from the deepest folder the prefix names whole ("a/b/c" walks "a/b").
    const folder = prefix.slice(0, prefix.lastIndexOf('/') + 1);
    yield* this.walk(folder, prefix);
  }

  private async *walk(folder: string, prefix: string): AsyncIterable<ListedObject> {
    let entries: Dirent[];
    try {
      entries = await readdir(path.join(this.root, ...folder.split('/').filter(Boolean)), {
        withFileTypes: true,
      });
    } catch (error) {
      if (isMissing(error)) return;
      throw error;
    }
    // The order S3 lists in: by whole key, where a folder's name is followed by "/".
    const sortName = (entry: Dirent) => (entry.isDirectory() ? `${entry.name}/` : entry.name);
    entries.sort((a, b) => (sortName(a) < sortName(b) ? -1 : sortName(a) > sortName(b) ? 1 : 0));
    for (const entry of entries) {
      if (entry.name.startsWith('.')) continue;
      const key = `${folder}${entry.name}`;
      if (entry.isDirectory()) {
        if (`${key}/`.startsWith(prefix) || prefix.startsWith(`${key}/`))
          yield* this.walk(`${key}/`, prefix);
      } else if (entry.isFile() && key.startsWith(prefix)) {
        const info = await stat(path.join(this.root, ...key.split('/'))).catch((error) => {
          if (isMissing(error)) return null;
          throw error;
        });
        if (info) yield { key, size: info.size, lastModified: info.mtime };
      }
    }
  }

  /**
   * Removes the temporary files of writes interrupted before `before` (a crash, a killed
   * process); writes in progress are younger. Returns how many were removed.
   */
  async removeStaleTemporaryFiles(before: Date): Promise<number> {
    const temporaryDir = path.join(this.root, TEMPORARY_DIR);
    let names: string[];
    try {
      names = await readdir(temporaryDir);
    } catch (error) {
      if (isMissing(error)) return 0;
      throw error;
    }
    let removed = 0;
    for (const name of names) {
      const file = path.join(temporaryDir, name);
      const info = await stat(file).catch(() => null);
      if (info?.isFile() && info.mtime < before) {
        await rm(file, { force: true });
        removed += 1;
      }
    }
    return removed;
  }
}
