import { createHash, createHmac } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rm, stat, utimes, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { text } from 'node:stream/consumers';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import {
  CreateBucketCommand,
  GetObjectCommand,
  HeadObjectCommand,
  paginateListObjectsV2,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { MAX_FILE_BYTES } from '@/lib/documents/rules';
import { StorageConfigError } from '@/lib/storage/config';
import { storageFromEnv } from '@/lib/storage/from-env';
import { FsStorage } from '@/lib/storage/fs-storage';
import { MAX_PRESIGNED_SECONDS, S3Storage } from '@/lib/storage/s3-storage';
import {
  StorageKeyError,
  StorageSizeError,
  type ListedObject,
  type Storage,
} from '@/lib/storage/storage';
import { S3RVER_CREDENTIALS, startS3Server } from '@/tests/helpers/s3-server';

const workDir = await mkdtemp(path.join(os.tmpdir(), 'storage-test-'));
const CORS_ORIGIN = 'http://127.0.0.1:3999';
// The second one has a CORS rule for its bucket, as the e2e upload's will.
const [s3, s3WithCors] = await Promise.all([
  startS3Server([]),
  startS3Server(['uploads'], { corsOrigin: CORS_ORIGIN }),
]);
afterAll(async () => {
  await Promise.all([s3.stop(), s3WithCors.stop()]);
  await rm(workDir, { recursive: true, force: true });
});

const REGION = 'us-east-1';
/** The test's own client, to look into the buckets without going through the driver. */
const s3Client = new S3Client({
  region: REGION,
  endpoint: s3.endpoint,
  forcePathStyle: true,
  credentials: S3RVER_CREDENTIALS,
  requestChecksumCalculation: 'WHEN_REQUIRED',
  responseChecksumValidation: 'WHEN_REQUIRED',
});

async function bucketKeys(bucket: string): Promise<string[]> {
  const keys: string[] = [];
  for await (const page of paginateListObjectsV2({ client: s3Client }, { Bucket: bucket }))
    for (const object of page.Contents ?? []) keys.push(object.Key!);
  return keys;
}

/** Every file under a folder, relative paths, hidden ones included. */
async function filesUnder(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(folder, path.join(entry.parentPath, entry.name)))
    .sort();
}

/** One store, fresh for each test, and what a test may look at beside its interface. */
interface Fixture {
  storage: Storage;
  /** The objects stored and the scratch files left behind (a write in progress, a crash). */
  contents(): Promise<string[]>;
  /**
   * Whether list answers in S3's order of whole keys. s3rver does not: it walks its folders,
   * so "apps/a/1" (in folder "a") comes before "apps/a-z"; S3, MinIO and R2 sort by key bytes.
   */
  listsInKeyOrder: boolean;
  /** Leaves what a write interrupted by a crash leaves. */
  leaveInterruptedWrite(): Promise<void>;
  /** Something beside the store, which no key may reach. */
  outside: { write(text: string): Promise<void>; read(): Promise<string> };
}

let run = 0;

function fsFixture(): Fixture & { storage: FsStorage; root: string } {
  run += 1;
  const root = path.join(workDir, `run-${run}`, 'uploads');
  const outside = path.join(path.dirname(root), 'outside.txt');
  return {
    storage: new FsStorage(root),
    root,
    contents: () => filesUnder(root),
    listsInKeyOrder: true,
    async leaveInterruptedWrite() {
      await mkdir(path.join(root, '.tmp'), { recursive: true });
      await writeFile(path.join(root, '.tmp', 'interrupted.part'), 'partial');
    },
    outside: {
      write: (text) => writeFile(outside, text),
      read: () => readFile(outside, 'utf8'),
    },
  };
}

async function s3Fixture(): Promise<Fixture & { storage: S3Storage; bucket: string }> {
  run += 1;
  const bucket = `run-${run}`;
  const spoolDir = path.join(workDir, `run-${run}`, 'spool');
  await mkdir(spoolDir, { recursive: true });
  await s3Client.send(new CreateBucketCommand({ Bucket: bucket }));
  await s3Client.send(new CreateBucketCommand({ Bucket: `${bucket}-outside` }));
  const storage = new S3Storage({
    bucket,
    region: REGION,
    endpoint: s3.endpoint,
    forcePathStyle: true,
    ...S3RVER_CREDENTIALS,
    spoolDir,
  });
  return {
    storage,
    bucket,
    contents: async () => [
      ...(await bucketKeys(bucket)),
      ...(await filesUnder(spoolDir)).map((name) => `spool:${name}`),
    ],
    listsInKeyOrder: false,
    leaveInterruptedWrite: () => writeFile(path.join(spoolDir, 's3-put-interrupted.part'), 'x'),
    outside: {
      async write(text) {
        await s3Client.send(
          new PutObjectCommand({ Bucket: `${bucket}-outside`, Key: 'outside.txt', Body: text }),
        );
      },
      async read() {
        const object = await s3Client.send(
          new GetObjectCommand({ Bucket: `${bucket}-outside`, Key: 'outside.txt' }),
        );
        return object.Body!.transformToString();
      },
    },
  };
}

const pdf = { contentType: 'application/pdf' };

async function readAll(storage: Storage, key: string): Promise<string | null> {
  const object = await storage.get(key);
  return object ? text(object.body) : null;
}

async function listAll(storage: Storage, prefix: string): Promise<ListedObject[]> {
  const objects: ListedObject[] = [];
  for await (const object of storage.list(prefix)) objects.push(object);
  return objects;
}

describe.each([
  { driver: 'fs', make: async (): Promise<Fixture> => fsFixture() },
  { driver: 's3', make: s3Fixture },
])('the $driver storage driver', ({ make }) => {
  let fixture: Fixture;
  let storage: Storage;
  beforeEach(async () => {
    fixture = await make();
    storage = fixture.storage;
  });

  it('stores, reads, describes and deletes an object', async () => {
    const key = 'applications/0192f1aa/doc-1';
    expect(await storage.put(key, Readable.from([Buffer.from('%PDF-1.7 plan')]), pdf)).toEqual({
      size: 13,
    });
    expect(await readAll(storage, key)).toBe('%PDF-1.7 plan');
    const head = await storage.head(key);
    expect(head?.size).toBe(13);
    expect(head?.lastModified).toBeInstanceOf(Date);
    const object = await storage.get(key);
    expect(object?.size).toBe(13);
    expect(object?.lastModified).toBeInstanceOf(Date);
    object?.body.destroy();

    await storage.delete(key);
    expect(await storage.head(key)).toBeNull();
    expect(await storage.get(key)).toBeNull();
    // Deleting again, or a key never stored, is not an error.
    await storage.delete(key);
    await storage.delete('applications/never/stored');
    expect(await fixture.contents()).toEqual([]);
  });

  it('accepts a web stream (a request body, File.stream()) and an async iterable', async () => {
    await storage.put('a/web', new Blob(['from a Blob']).stream(), pdf);
    expect(await readAll(storage, 'a/web')).toBe('from a Blob');
    async function* parts() {
      yield new TextEncoder().encode('one ');
      yield new TextEncoder().encode('two');
    }
    await storage.put('a/iterable', parts(), pdf);
    expect(await readAll(storage, 'a/iterable')).toBe('one two');
  });

  it('stores an empty body as an empty object (the rules refuse empty files before)', async () => {
    expect(await storage.put('a/empty', Readable.from([]), { ...pdf, size: 0 })).toEqual({
      size: 0,
    });
    expect((await storage.head('a/empty'))?.size).toBe(0);
    expect(await readAll(storage, 'a/empty')).toBe('');
  });

  it('replaces an object put again under the same key', async () => {
    await storage.put('k', Readable.from([Buffer.from('first version')]), pdf);
    await storage.put('k', Readable.from([Buffer.from('second')]), pdf);
    expect(await readAll(storage, 'k')).toBe('second');
    expect((await storage.head('k'))?.size).toBe(6);
  });

  it('lists objects by prefix, in key order, never the writes in progress', async () => {
    for (const key of ['apps/b/2', 'apps/a/1', 'apps/a/3', 'apps/ab/4', 'other/5', 'apps/a-z'])
      await storage.put(key, Readable.from([Buffer.from(key)]), pdf);
    await fixture.leaveInterruptedWrite();
    const keys = async (prefix: string) => {
      const listed = (await listAll(storage, prefix)).map((o) => o.key);
      return fixture.listsInKeyOrder ? listed : listed.sort();
    };
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
    const [first] = await listAll(storage, 'apps/a/1');
    expect(first).toMatchObject({ key: 'apps/a/1', size: 8 });
    expect(first?.lastModified).toBeInstanceOf(Date);
  });

  it('lists nothing, without error, before anything was stored', async () => {
    expect(await listAll(storage, '')).toEqual([]);
    expect(await storage.head('a/b')).toBeNull();
  });

  it('DOC-01: refuses keys that would leave its store or hide a file, storing nothing', async () => {
    await storage.put('kept', Readable.from([Buffer.from('kept')]), pdf);
    await fixture.outside.write('untouched');
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
      if (storage.presignedPost)
        await expect(
          storage.presignedPost(key, { maxBytes: 10, contentType: 'application/pdf' }),
          key,
        ).rejects.toThrow(StorageKeyError);
    }
    for (const prefix of ['../', '/', 'a//', '.tmp/', 'a/../']) {
      await expect(listAll(storage, prefix), prefix).rejects.toThrow(StorageKeyError);
    }
    expect(await fixture.outside.read()).toBe('untouched');
    expect(await fixture.contents()).toEqual(['kept']);
  });

  it('answers null for a key that names a folder', async () => {
    await storage.put('apps/a/1', Readable.from([Buffer.from('x')]), pdf);
    expect(await storage.head('apps/a')).toBeNull();
    expect(await storage.get('apps/a')).toBeNull();
    await storage.delete('apps/a');
    expect(await readAll(storage, 'apps/a/1')).toBe('x');
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
    expect(await fixture.contents()).toEqual([]);
  });

  it('refuses a body whose length is not the one announced', async () => {
    const short = storage.put('short', Readable.from([Buffer.from('abc')]), { ...pdf, size: 4 });
    await expect(short).rejects.toMatchObject({ reason: 'size_mismatch' });
    const long = storage.put('long', Readable.from([Buffer.from('abcde')]), { ...pdf, size: 4 });
    await expect(long).rejects.toMatchObject({ reason: 'too_big' });
    await storage.put('exact', Readable.from([Buffer.from('abcd')]), { ...pdf, size: 4 });
    expect(await fixture.contents()).toEqual(['exact']);
  });

  it('keeps the previous object whole when a replacement fails half way', async () => {
    await storage.put('k', Readable.from([Buffer.from('good')]), pdf);
    async function* broken() {
      yield Buffer.from('partial ');
      throw new Error('connection reset by the browser');
    }
    await expect(storage.put('k', broken(), pdf)).rejects.toThrow('connection reset');
    await expect(storage.put('k', broken(), { ...pdf, size: 20 })).rejects.toThrow(
      'connection reset',
    );
    expect(await readAll(storage, 'k')).toBe('good');
    expect(await fixture.contents()).toEqual(['k']);
  });
});

describe('the fs storage driver on disk', () => {
  let fixture: ReturnType<typeof fsFixture>;
  beforeEach(() => {
    fixture = fsFixture();
  });

  it('keeps files under its root, readable by the server user only', async () => {
    await fixture.storage.put('applications/x/doc', Readable.from([Buffer.from('x')]), pdf);
    expect(await filesUnder(fixture.root)).toEqual([path.join('applications', 'x', 'doc')]);
    expect((await stat(path.join(fixture.root, 'applications/x/doc'))).mode & 0o777).toBe(0o600);
  });

  it('clears the temporary files of interrupted writes older than a given time', async () => {
    const { storage, root } = fixture;
    await storage.put('k', Readable.from([Buffer.from('x')]), pdf);
    const temporary = path.join(root, '.tmp');
    await writeFile(path.join(temporary, 'old.part'), 'old');
    await writeFile(path.join(temporary, 'recent.part'), 'recent');
    const dayAgo = new Date(Date.now() - 24 * 3600 * 1000);
    await utimes(path.join(temporary, 'old.part'), dayAgo, dayAgo);
    expect(await storage.removeStaleTemporaryFiles(new Date(Date.now() - 3600 * 1000))).toBe(1);
    expect(await readdir(temporary)).toEqual(['recent.part']);
    expect(await readAll(storage, 'k')).toBe('x');
  });
});

describe('the s3 storage driver against s3rver', () => {
  let fixture: Awaited<ReturnType<typeof s3Fixture>>;
  beforeEach(async () => {
    fixture = await s3Fixture();
  });

  it('lists every page of a long listing', async () => {
    const paged = new S3Storage({
      bucket: fixture.bucket,
      region: REGION,
      endpoint: s3.endpoint,
      forcePathStyle: true,
      ...S3RVER_CREDENTIALS,
      listPageSize: 2,
    });
    const keys = ['apps/1/a', 'apps/1/b', 'apps/2/a', 'apps/3/a', 'apps/3/b'];
    for (const key of keys) await paged.put(key, Readable.from([Buffer.from(key)]), pdf);
    expect((await listAll(paged, '')).map((o) => o.key)).toEqual(keys);
    expect((await listAll(paged, 'apps/3/')).map((o) => o.key)).toEqual(['apps/3/a', 'apps/3/b']);
  });

  it('stores the content type it is given', async () => {
    await fixture.storage.put('a/plan', Readable.from([Buffer.from('%PDF-1.7')]), pdf);
    const object = await s3Client.send(
      new HeadObjectCommand({ Bucket: fixture.bucket, Key: 'a/plan' }),
    );
    expect(object.ContentType).toBe('application/pdf');
  });

  it('is an error, not an empty store, when the bucket or the key pair is wrong', async () => {
    const elsewhere = (settings: { bucket?: string; accessKeyId?: string }) =>
      new S3Storage({
        bucket: fixture.bucket,
        region: REGION,
        endpoint: s3.endpoint,
        forcePathStyle: true,
        ...S3RVER_CREDENTIALS,
        ...settings,
      });
    const noBucket = elsewhere({ bucket: 'no-such-bucket' });
    await expect(noBucket.get('a/b')).rejects.toMatchObject({ name: 'NoSuchBucket' });
    await expect(listAll(noBucket, '')).rejects.toMatchObject({ name: 'NoSuchBucket' });
    await expect(noBucket.delete('a/b')).rejects.toMatchObject({ name: 'NoSuchBucket' });
    await expect(noBucket.put('a/b', Readable.from([Buffer.from('x')]), pdf)).rejects.toMatchObject(
      { name: 'NoSuchBucket' },
    );
    const wrongKey = elsewhere({ accessKeyId: 'NOT-A-KEY' });
    await expect(wrongKey.get('a/b')).rejects.toMatchObject({ name: 'InvalidAccessKeyId' });
    await expect(listAll(wrongKey, '')).rejects.toMatchObject({ name: 'InvalidAccessKeyId' });
  });

  it('takes a presigned POST from outside the app, which the store then reads back', async () => {
    const { storage, bucket } = fixture;
    const key = 'applications/0192f1aa/doc-2';
    const post = await storage.presignedPost(key, {
      maxBytes: 1024,
      contentType: 'application/pdf',
    });
    expect(post.url).toBe(`${s3.endpoint}/${bucket}`);
    // As a browser sends it: every field, then the file last.
    const form = new FormData();
    for (const [name, value] of Object.entries(post.fields)) form.append(name, value);
    form.append('file', new Blob(['%PDF-1.7 posted'], { type: 'application/pdf' }), 'plan.pdf');
    const response = await fetch(post.url, { method: 'POST', body: form });
    expect(response.status).toBe(204);

    expect(await storage.head(key)).toMatchObject({ size: 15 });
    expect(await readAll(storage, key)).toBe('%PDF-1.7 posted');
    const object = await s3Client.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
    expect(object.ContentType).toBe('application/pdf');
  });

  // s3rver stores whatever a POST brings: it ignores the policy and does not check signatures
  // (its V4 verification is unimplemented). What the bucket will enforce is the signed policy
  // document, so that is what these tests read, and they check its signature by hand the way
  // S3 does (Signature V4 over the base64 policy), so a browser cannot change a condition.
  describe('the presigned POST policy (what S3 enforces, and s3rver does not)', () => {
    function decode(fields: Record<string, string>) {
      return JSON.parse(Buffer.from(fields.Policy!, 'base64').toString('utf8')) as {
        expiration: string;
        conditions: unknown[];
      };
    }

    it('DOC-01: allows only this key, 1 byte to maxBytes, and exactly this content type', async () => {
      const key = 'applications/0192f1aa/doc-3';
      const { fields } = await fixture.storage.presignedPost(key, {
        maxBytes: MAX_FILE_BYTES,
        contentType: 'image/png',
      });
      const { conditions } = decode(fields);
      expect(conditions).toContainEqual(['content-length-range', 1, MAX_FILE_BYTES]);
      expect(conditions).toContainEqual({ 'Content-Type': 'image/png' });
      expect(conditions).toContainEqual({ key });
      expect(conditions).toContainEqual({ bucket: fixture.bucket });
      expect(fields['Content-Type']).toBe('image/png');
      expect(fields.key).toBe(key);
      // No looser rule anywhere: no prefix match, no second length range.
      expect(JSON.stringify(conditions)).not.toContain('starts-with');
      expect(
        conditions.filter((c) => Array.isArray(c) && c[0] === 'content-length-range'),
      ).toHaveLength(1);
      // S3 refuses a form carrying a field no condition names: each one here is named.
      const named = new Set(
        conditions.flatMap((c) => (Array.isArray(c) ? [] : Object.keys(c as object))),
      );
      for (const field of Object.keys(fields))
        if (!['Policy', 'X-Amz-Signature'].includes(field)) expect(named, field).toContain(field);
    });

    it('DOC-03: expires within 5 minutes, and is signed with the secret key', async () => {
      const before = Date.now();
      const { fields } = await fixture.storage.presignedPost('a/b', {
        maxBytes: 10,
        contentType: 'application/pdf',
      });
      const after = Date.now();
      const expiration = Date.parse(decode(fields).expiration);
      // The expiration is written to the second.
      expect(expiration).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000 + 300_000);
      expect(expiration).toBeLessThanOrEqual(after + 300_000);

      const short = await fixture.storage.presignedPost('a/b', {
        maxBytes: 10,
        contentType: 'application/pdf',
        expiresInSeconds: 60,
      });
      expect(Date.parse(decode(short.fields).expiration)).toBeLessThanOrEqual(Date.now() + 60_000);

      // Signature V4 of a POST policy: the signing key derived from the secret, the date, the
      // region and "s3", then HMAC-SHA256 of the base64 policy.
      const [accessKeyId, date, region, service, terminator] =
        fields['X-Amz-Credential']!.split('/');
      expect([accessKeyId, region, service, terminator]).toEqual([
        'S3RVER',
        REGION,
        's3',
        'aws4_request',
      ]);
      expect(fields['X-Amz-Algorithm']).toBe('AWS4-HMAC-SHA256');
      const hmac = (key: string | Buffer, data: string) =>
        createHmac('sha256', key).update(data).digest();
      let signingKey = hmac(`AWS4${S3RVER_CREDENTIALS.secretAccessKey}`, date!);
      for (const part of [REGION, 's3', 'aws4_request']) signingKey = hmac(signingKey, part);
      expect(fields['X-Amz-Signature']).toBe(
        createHmac('sha256', signingKey).update(fields.Policy!).digest('hex'),
      );
    });

    it('DOC-03: refuses a lifetime over 5 minutes, and a size or a type that cannot be', async () => {
      const { storage } = fixture;
      const post = (options: {
        maxBytes?: number;
        contentType?: string;
        expiresInSeconds?: number;
      }) =>
        storage.presignedPost('a/b', { maxBytes: 10, contentType: 'application/pdf', ...options });
      await expect(post({ expiresInSeconds: MAX_PRESIGNED_SECONDS + 1 })).rejects.toThrow(
        RangeError,
      );
      await expect(post({ expiresInSeconds: 0 })).rejects.toThrow(RangeError);
      await expect(post({ expiresInSeconds: 3600 })).rejects.toThrow(/1 to 300/);
      await expect(post({ maxBytes: 0 })).rejects.toThrow(RangeError);
      await expect(post({ maxBytes: 1.5 })).rejects.toThrow(RangeError);
      await expect(post({ contentType: '' })).rejects.toThrow(RangeError);
      await expect(post({ contentType: 'application/pdf\r\nX-Evil: 1' })).rejects.toThrow(
        RangeError,
      );
      await expect(post({ expiresInSeconds: MAX_PRESIGNED_SECONDS })).resolves.toHaveProperty(
        'url',
      );
    });
  });

  it('lets a browser at the allowed origin post to the bucket (CORS, for the e2e upload)', async () => {
    const preflight = (from: string) =>
      fetch(`${s3WithCors.endpoint}/uploads`, {
        method: 'OPTIONS',
        headers: { Origin: from, 'Access-Control-Request-Method': 'POST' },
      });
    const allowed = await preflight(CORS_ORIGIN);
    expect(allowed.status).toBe(200);
    expect(allowed.headers.get('access-control-allow-methods')).toContain('POST');
    // s3rver answers a matching preflight with "*", and the request itself with the origin.
    expect(allowed.headers.get('access-control-allow-origin')).toMatch(/^(\*|http:\/\/127)/);
    const listing = await fetch(`${s3WithCors.endpoint}/uploads`, {
      headers: { Origin: CORS_ORIGIN },
    });
    expect(listing.headers.get('access-control-allow-origin')).toBe(CORS_ORIGIN);
    const refused = await preflight('https://elsewhere.example');
    expect(refused.status).toBe(403);
    expect(refused.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('is what STORAGE_DRIVER=s3 gives, and it works with those settings alone', async () => {
    const storage = storageFromEnv({
      STORAGE_DRIVER: 's3',
      S3_BUCKET: fixture.bucket,
      S3_ACCESS_KEY_ID: S3RVER_CREDENTIALS.accessKeyId,
      S3_SECRET_ACCESS_KEY: S3RVER_CREDENTIALS.secretAccessKey,
      S3_ENDPOINT: s3.endpoint,
      S3_FORCE_PATH_STYLE: 'true',
    });
    expect(storage).toBeInstanceOf(S3Storage);
    expect(storage.driver).toBe('s3');
    await storage.put('a/from-env', Readable.from([Buffer.from('configured')]), pdf);
    expect(await readAll(fixture.storage, 'a/from-env')).toBe('configured');
    const post = await storage.presignedPost!('a/b', { maxBytes: 10, contentType: 'image/jpeg' });
    expect(post.url).toBe(`${s3.endpoint}/${fixture.bucket}`);
  });

  it('refuses STORAGE_DRIVER=s3 without its bucket or keys, in one line naming them', () => {
    const refusal = (env: Record<string, string>) => {
      try {
        storageFromEnv(env);
      } catch (error) {
        expect(error).toBeInstanceOf(StorageConfigError);
        return (error as Error).message;
      }
      throw new Error('the configuration was accepted');
    };
    expect(refusal({ STORAGE_DRIVER: 's3', S3_ENDPOINT: s3.endpoint })).toBe(
      'STORAGE_DRIVER=s3 needs S3_BUCKET, S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY; missing: S3_BUCKET, S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY',
    );
    expect(
      refusal({
        STORAGE_DRIVER: 's3',
        S3_BUCKET: fixture.bucket,
        S3_ACCESS_KEY_ID: 'S3RVER',
        S3_ENDPOINT: s3.endpoint,
      }),
    ).toBe(
      'STORAGE_DRIVER=s3 needs S3_BUCKET, S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY; missing: S3_SECRET_ACCESS_KEY',
    );
  });

  it('stores 30 MB whole, through a spool file it removes', async () => {
    const chunk = Buffer.alloc(1024 * 1024);
    const expected = createHash('sha256');
    async function* upload() {
      for (let i = 0; i < MAX_FILE_BYTES / chunk.length; i += 1) {
        chunk.fill(i);
        expected.update(chunk);
        yield Buffer.from(chunk);
      }
    }
    const started = performance.now();
    const result = await fixture.storage.put('applications/x/drawings', upload(), {
      ...pdf,
      size: MAX_FILE_BYTES,
      maxBytes: MAX_FILE_BYTES,
    });
    const elapsed = performance.now() - started;
    expect(result.size).toBe(MAX_FILE_BYTES);
    const stored = await fixture.storage.get('applications/x/drawings');
    expect(stored?.size).toBe(MAX_FILE_BYTES);
    const actual = createHash('sha256');
    for await (const part of stored!.body) actual.update(part as Buffer);
    expect(actual.digest('hex')).toBe(expected.digest('hex'));
    expect(await fixture.contents()).toEqual(['applications/x/drawings']);
    console.log(`30 MB put through s3 (spool + PutObject to s3rver): ${elapsed.toFixed(0)} ms`);
  });
});

describe('a 30 MB upload through the fs driver', () => {
  // Retained memory is measured after a full collection: without one, the garbage of the chunks
  // already written (30 MB of it) would be counted as if put kept it.
  setFlagsFromString('--expose-gc');
  const collectGarbage = runInNewContext('gc') as () => void;
  /**
   * Collects until the buffers' memory stops falling: V8 frees the memory of dead buffers in the
   * background, so right after one collection it may still count the garbage of an earlier test
   * (the 30 MB through s3), and a baseline taken then made a later growth look ~20 MB smaller.
   */
  async function settle() {
    let previous = Infinity;
    for (let round = 0; round < 10; round += 1) {
      collectGarbage();
      await new Promise((resolve) => setTimeout(resolve, 5));
      const now = process.memoryUsage().arrayBuffers;
      if (now >= previous) return;
      previous = now;
    }
  }
  const MB = 1024 * 1024;
  const CHUNK = 64 * 1024;
  let storage: FsStorage;
  let root: string;
  beforeEach(() => {
    ({ storage, root } = fsFixture());
  });

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
    await settle();
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
    await settle();
    const base = process.memoryUsage().arrayBuffers;
    const kept: Buffer[] = [];
    for await (const chunk of upload(MAX_FILE_BYTES, async () => {})) kept.push(chunk);
    collectGarbage();
    // Within 1 MB: buffers of other work (a socket's, a stream's) may be freed meanwhile.
    expect(process.memoryUsage().arrayBuffers - base).toBeGreaterThan(MAX_FILE_BYTES - MB);
    expect(kept).toHaveLength(MAX_FILE_BYTES / CHUNK);
  });
});
