import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, stat, utimes, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { text } from 'node:stream/consumers';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { MAX_FILE_BYTES } from '@/lib/documents/rules';
import { FsStorage } from '@/lib/storage/fs-storage';
import { StorageKeyError, StorageSizeError, type ListedObject } from '@/lib/storage/storage';

const workDir = await mkdtemp(path.join(os.tmpdir(), 'storage-test-'));
afterAll(() => rm(workDir, { recursive: true, force: true }));

let root: string;
let storage: FsStorage;
let run = 0;
beforeEach(() => {
  run += 1;
  root = path.join(workDir, `run-${run}`, 'uploads');
  storage = new FsStorage(root);
});

const pdf = { contentType: 'application/pdf' };

async function readAll(key: string): Promise<string | null> {
  const object = await storage.get(key);
  return object ? text(object.body) : null;
}

async function listAll(prefix: string): Promise<ListedObject[]> {
  const objects: ListedObject[] = [];
  for await (const object of storage.list(prefix)) objects.push(object);
  return objects;
}

/** Every file under a folder, relative paths, hidden ones included. */
async function filesUnder(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(folder, path.join(entry.parentPath, entry.name)))
    .sort();
}

describe('the fs storage driver', () => {
  it('stores, reads, describes and deletes an object', async () => {
    const key = 'applications/0192f1aa/doc-1';
    expect(await storage.put(key, Readable.from([Buffer.from('%PDF-1.7 plan')]), pdf)).toEqual({
      size: 13,
    });
    expect(await readAll(key)).toBe('%PDF-1.7 plan');
    const head = await storage.head(key);
    expect(head?.size).toBe(13);
    expect(head?.lastModified).toBeInstanceOf(Date);
    const object = await storage.get(key);
    expect(object?.size).toBe(13);
    object?.body.destroy();

    await storage.delete(key);
    expect(await storage.head(key)).toBeNull();
    expect(await storage.get(key)).toBeNull();
    // Deleting again, or a key never stored, is not an error.
    await storage.delete(key);
    await storage.delete('applications/never/stored');
  });

  it('accepts a web stream (a request body, File.stream()) and an async iterable', async () => {
    await storage.put('a/web', new Blob(['from a Blob']).stream(), pdf);
    expect(await readAll('a/web')).toBe('from a Blob');
    async function* parts() {
      yield new TextEncoder().encode('one ');
      yield new TextEncoder().encode('two');
    }
    await storage.put('a/iterable', parts(), pdf);
    expect(await readAll('a/iterable')).toBe('one two');
  });

  it('keeps files under its root, readable by the server user only', async () => {
    await storage.put('applications/x/doc', Readable.from([Buffer.from('x')]), pdf);
    expect(await filesUnder(root)).toEqual([path.join('applications', 'x', 'doc')]);
    expect((await stat(path.join(root, 'applications/x/doc'))).mode & 0o777).toBe(0o600);
  });

  it('replaces an object put again under the same key', async () => {
    await storage.put('k', Readable.from([Buffer.from('first version')]), pdf);
    await storage.put('k', Readable.from([Buffer.from('second')]), pdf);
    expect(await readAll('k')).toBe('second');
    expect((await storage.head('k'))?.size).toBe(6);
  });

  it('lists objects by prefix, in key order, never the writes in progress', async () => {
    for (const key of ['apps/b/2', 'apps/a/1', 'apps/a/3', 'apps/ab/4', 'other/5', 'apps/a-z'])
      await storage.put(key, Readable.from([Buffer.from(key)]), pdf);
    await writeFile(path.join(root, '.tmp', 'interrupted.part'), 'partial');
    const keys = async (prefix: string) => (await listAll(prefix)).map((o) => o.key);
    // "-" sorts before "/": S3's order of whole keys.
    expect(await keys('')).toEqual([
      'apps/a-z',
      'apps/a/1',
      'apps/a/3',
      'apps/ab/4',
      'apps/b/2',
      'other/5',
    ]);
    expect(await keys('apps/a/')).toEqual(['apps/a/1', 'apps/a/3']);
    expect(await keys('apps/a')).toEqual(['apps/a-z', 'apps/a/1', 'apps/a/3', 'apps/ab/4']);
    expect(await keys('apps/a/3')).toEqual(['apps/a/3']);
    expect(await keys('nothing/')).toEqual([]);
    const [first] = await listAll('apps/a/1');
    expect(first).toMatchObject({ key: 'apps/a/1', size: 8 });
    expect(first?.lastModified).toBeInstanceOf(Date);
  });

  it('lists nothing, without error, before anything was stored', async () => {
    expect(await listAll('')).toEqual([]);
    expect(await storage.head('a/b')).toBeNull();
  });

  it('DOC-01: refuses keys that would leave its folder or hide a file, storing nothing', async () => {
    await storage.put('kept', Readable.from([Buffer.from('kept')]), pdf);
    const outside = path.join(path.dirname(root), 'outside.txt');
    await writeFile(outside, 'untouched');
    const badKeys = [
      '',
      '../outside.txt',
      'a/../../outside.txt',
      '..',
      '.',
      './a',
      'a/./b',
      '/etc/passwd',
      'a//b',
      'a/',
      '.hidden',
      'a/.tmp',
      'a\\..\\b',
      'C:\\Windows\\win.ini',
      '%2e%2e/x',
      'a/b\u0000',
      'plan .pdf',
      'é',
      'x'.repeat(129),
      'a/b/c/d/e/f/g/h/i',
    ];
    for (const key of badKeys) {
      await expect(storage.put(key, Readable.from([Buffer.from('x')]), pdf), key).rejects.toThrow(
        StorageKeyError,
      );
      await expect(storage.get(key), key).rejects.toThrow(StorageKeyError);
      await expect(storage.head(key), key).rejects.toThrow(StorageKeyError);
      await expect(storage.delete(key), key).rejects.toThrow(StorageKeyError);
    }
    for (const prefix of ['../', '/', 'a//', '.tmp/', 'a/../']) {
      await expect(listAll(prefix), prefix).rejects.toThrow(StorageKeyError);
    }
    expect(await readFile(outside, 'utf8')).toBe('untouched');
    expect(await filesUnder(root)).toEqual(['kept']);
  });

  it('answers null for a key that names a folder', async () => {
    await storage.put('apps/a/1', Readable.from([Buffer.from('x')]), pdf);
    expect(await storage.head('apps/a')).toBeNull();
    expect(await storage.get('apps/a')).toBeNull();
    await storage.delete('apps/a');
    expect(await readAll('apps/a/1')).toBe('x');
  });

  it('stops a write that passes maxBytes and stores nothing, not even a temporary file', async () => {
    let pulled = 0;
    async function* endless() {
      for (;;) {
        pulled += 1;
        yield Buffer.alloc(64 * 1024, 1);
      }
    }
    const put = storage.put('big', endless(), { ...pdf, maxBytes: 1024 * 1024 });
    await expect(put).rejects.toThrow(StorageSizeError);
    await expect(put).rejects.toMatchObject({ reason: 'too_big' });
    // Stopped at the limit: 16 chunks fill 1 MB, the 17th passes it.
    expect(pulled).toBeLessThanOrEqual(18);
    expect(await storage.head('big')).toBeNull();
    expect(await filesUnder(root)).toEqual([]);
  });

  it('refuses a body whose length is not the one announced', async () => {
    const short = storage.put('short', Readable.from([Buffer.from('abc')]), { ...pdf, size: 4 });
    await expect(short).rejects.toMatchObject({ reason: 'size_mismatch' });
    const long = storage.put('long', Readable.from([Buffer.from('abcde')]), { ...pdf, size: 4 });
    await expect(long).rejects.toMatchObject({ reason: 'too_big' });
    await storage.put('exact', Readable.from([Buffer.from('abcd')]), { ...pdf, size: 4 });
    expect(await filesUnder(root)).toEqual(['exact']);
  });

  it('keeps the previous object whole when a replacement fails half way', async () => {
    await storage.put('k', Readable.from([Buffer.from('good')]), pdf);
    async function* broken() {
      yield Buffer.from('partial ');
      throw new Error('connection reset by the browser');
    }
    await expect(storage.put('k', broken(), pdf)).rejects.toThrow('connection reset');
    expect(await readAll('k')).toBe('good');
    expect(await filesUnder(root)).toEqual(['k']);
  });

  it('clears the temporary files of interrupted writes older than a given time', async () => {
    await storage.put('k', Readable.from([Buffer.from('x')]), pdf);
    const temporary = path.join(root, '.tmp');
    await writeFile(path.join(temporary, 'old.part'), 'old');
    await writeFile(path.join(temporary, 'recent.part'), 'recent');
    const dayAgo = new Date(Date.now() - 24 * 3600 * 1000);
    await utimes(path.join(temporary, 'old.part'), dayAgo, dayAgo);
    expect(await storage.removeStaleTemporaryFiles(new Date(Date.now() - 3600 * 1000))).toBe(1);
    expect(await readdir(temporary)).toEqual(['recent.part']);
    expect(await readAll('k')).toBe('x');
  });
});

describe('a 30 MB upload through the fs driver', () => {
  // Retained memory is measured after a full collection: without one, the garbage of the chunks
  // already written (30 MB of it) would be counted as if put kept it.
  setFlagsFromString('--expose-gc');
  const collectGarbage = runInNewContext('gc') as () => void;
  const MB = 1024 * 1024;
  const CHUNK = 64 * 1024;

  /** 30 MB in fresh 64 KiB chunks, as a request body arrives; measures as it goes. */
  async function* upload(total: number, measure: (sent: number) => Promise<void>) {
    for (let sent = 0; sent < total; sent += CHUNK) {
      if (sent % MB === 0) await measure(sent);
      const chunk = Buffer.allocUnsafe(Math.min(CHUNK, total - sent));
      chunk.fill(sent / CHUNK);
      yield chunk;
    }
  }

  it('is streamed: what reached the disk follows what was read, and memory stays flat', async () => {
    const expected = createHash('sha256');
    for await (const chunk of upload(MAX_FILE_BYTES, async () => {})) expected.update(chunk);
    collectGarbage();
    const base = process.memoryUsage();
    let retainedBuffers = 0;
    let rssGrowth = 0;
    let maxInFlight = 0;
    const temporaryDir = path.join(root, '.tmp');
    const measure = async (sent: number) => {
      collectGarbage();
      const now = process.memoryUsage();
      retainedBuffers = Math.max(retainedBuffers, now.arrayBuffers - base.arrayBuffers);
      rssGrowth = Math.max(rssGrowth, now.rss - base.rss);
      const [partial] = await readdir(temporaryDir).catch(() => []);
      const onDisk = partial ? (await stat(path.join(temporaryDir, partial))).size : 0;
      maxInFlight = Math.max(maxInFlight, sent - onDisk);
    };
    const started = performance.now();
    const result = await storage.put('applications/x/drawings', upload(MAX_FILE_BYTES, measure), {
      ...pdf,
      size: MAX_FILE_BYTES,
      maxBytes: MAX_FILE_BYTES,
    });
    const elapsed = performance.now() - started;

    expect(result.size).toBe(MAX_FILE_BYTES);
    const stored = await storage.get('applications/x/drawings');
    const actual = createHash('sha256');
    for await (const chunk of stored!.body) actual.update(chunk as Buffer);
    expect(actual.digest('hex')).toBe(expected.digest('hex'));
    // Never more than a few chunks between the source and the disk.
    expect(maxInFlight).toBeLessThanOrEqual(1 * MB);
    // A put that kept the file in memory would retain ≥ 30 MB here (see the next test).
    expect(retainedBuffers).toBeLessThan(8 * MB);
    expect(rssGrowth).toBeLessThan(15 * MB);
    console.log(
      `30 MB put: ${elapsed.toFixed(0)} ms; retained buffers ≤ ${(retainedBuffers / MB).toFixed(1)} MB, RSS growth ≤ ${(rssGrowth / MB).toFixed(1)} MB, ≤ ${(maxInFlight / 1024).toFixed(0)} KiB in flight`,
    );
  });

  it('the measure would see a put that buffers the file', async () => {
    collectGarbage();
    const base = process.memoryUsage().arrayBuffers;
    const kept: Buffer[] = [];
    for await (const chunk of upload(MAX_FILE_BYTES, async () => {})) kept.push(chunk);
    collectGarbage();
    expect(process.memoryUsage().arrayBuffers - base).toBeGreaterThanOrEqual(MAX_FILE_BYTES);
    expect(kept).toHaveLength(MAX_FILE_BYTES / CHUNK);
  });
});
