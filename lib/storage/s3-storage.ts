import { randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  paginateListObjectsV2,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { createPresignedPost } from '@aws-sdk/s3-presigned-post';
import type { StorageConfig } from './config';
import {
  assertValidKey,
  assertValidPrefix,
  StorageSizeError,
  closed,
  toNodeReadable,
  type ByteSource,
  type ListedObject,
  type ObjectInfo,
  type PresignedPost,
  type PutOptions,
  type Storage,
} from './storage';

export type S3StorageOptions = Omit<Extract<StorageConfig, { driver: 's3' }>, 'driver'> & {
  /** Where a put is spooled before it is sent (default: the system's temporary folder). */
  spoolDir?: string;
  /** Keys per ListObjectsV2 page: S3's maximum, 1000, unless a test wants to see pages turn. */
  listPageSize?: number;
};

/** DOC-03: a presigned form lives at most 5 minutes. */
export const MAX_PRESIGNED_SECONDS = 300;

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

function httpStatus(error: unknown): number | undefined {
  return (error as { $metadata?: { httpStatusCode?: number } } | null)?.$metadata?.httpStatusCode;
}

/**
 * An S3-compatible bucket (AWS, MinIO, R2, s3rver…) through @aws-sdk/client-s3.
 *
 * A put is spooled to a private temporary file first, counted against `size` and `maxBytes` as
 * the fs driver does, and only a body that arrived whole and within its limits is sent, as one
 * PutObject streamed from that file with its Content-Length. Two reasons: PutObject needs the
 * length up front, which a multipart form part (busboy) does not give; and a PutObject whose body
 * fails half way must never replace a good object. S3 itself discards such a request, but not
 * every S3-compatible server does: s3rver, aborted after 8 of 20 announced bytes, kept the 8
 * bytes in place of the previous object. Memory stays flat (streams both ways); the cost is one
 * pass over local disk, at most 30 MB per upload. Residents' browsers bypass this path with
 * presignedPost when JavaScript runs.
 *
 * Checksums are computed and validated only when an operation requires them (WHEN_REQUIRED).
 * With the SDK's default (WHEN_SUPPORTED) a streamed PutObject is sent aws-chunked with a CRC32
 * trailer, which S3-compatible servers do not all decode: s3rver stored the chunk framing and the
 * trailer as the object's bytes, without an error. Integrity in transit is TLS's, and the app
 * checks the stored object (size, type by content) before recording it.
 */
export class S3Storage implements Storage {
  readonly driver = 's3';
  readonly bucket: string;
  private readonly client: S3Client;
  private readonly spoolDir: string;
  private readonly listPageSize: number;

  constructor(options: S3StorageOptions) {
    this.bucket = options.bucket;
    this.spoolDir = options.spoolDir ?? os.tmpdir();
    this.listPageSize = options.listPageSize ?? 1000;
    this.client = new S3Client({
      region: options.region,
      endpoint: options.endpoint,
      forcePathStyle: options.forcePathStyle,
      credentials: {
        accessKeyId: options.accessKeyId,
        secretAccessKey: options.secretAccessKey,
      },
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    });
  }

  async put(key: string, body: ByteSource, options: PutOptions): Promise<{ size: number }> {
    assertValidKey(key);
    const spool = path.join(this.spoolDir, `s3-put-${randomUUID()}.part`);
    const limit = Math.min(options.maxBytes ?? Infinity, options.size ?? Infinity);
    const { counter, received } = byteCounter(limit);
    const sink = createWriteStream(spool, { flags: 'wx', mode: 0o600 });
    try {
      await pipeline(toNodeReadable(body), counter, sink);
      if (options.size !== undefined && received() !== options.size)
        throw new StorageSizeError('size_mismatch', received());
      await this.client.send(
        new PutObjectCommand({
          Bucket: this.bucket,
          Key: key,
          Body: createReadStream(spool),
          ContentLength: received(),
          ContentType: options.contentType,
        }),
      );
    } finally {
      await closed(sink);
      await rm(spool, { force: true });
    }
    return { size: received() };
  }

  async head(key: string): Promise<ObjectInfo | null> {
    assertValidKey(key);
    try {
      const object = await this.client.send(
        new HeadObjectCommand({ Bucket: this.bucket, Key: key }),
      );
      return { size: object.ContentLength ?? 0, lastModified: object.LastModified ?? new Date(0) };
    } catch (error) {
      // A HEAD answer has no body, so a missing bucket is a 404 too; get and list tell them apart.
      if (httpStatus(error) === 404) return null;
      throw error;
    }
  }

  async get(key: string) {
    assertValidKey(key);
    try {
      const object = await this.client.send(
        new GetObjectCommand({ Bucket: this.bucket, Key: key }),
      );
      // In Node the SDK answers with the response itself, an http.IncomingMessage.
      if (!(object.Body instanceof Readable))
        throw new Error('the S3 client did not answer with a Node stream');
      return {
        body: object.Body,
        size: object.ContentLength ?? 0,
        lastModified: object.LastModified ?? new Date(0),
      };
    } catch (error) {
      if ((error as Error).name === 'NoSuchKey') return null;
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    assertValidKey(key);
    // S3 answers 204 whether or not there was an object.
    await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: key }));
  }

  async *list(prefix: string): AsyncIterable<ListedObject> {
    assertValidPrefix(prefix);
    const pages = paginateListObjectsV2(
      { client: this.client, pageSize: this.listPageSize },
      { Bucket: this.bucket, Prefix: prefix || undefined },
    );
    for await (const page of pages) {
      for (const object of page.Contents ?? []) {
        if (object.Key === undefined) continue;
        yield {
          key: object.Key,
          size: object.Size ?? 0,
          lastModified: object.LastModified ?? new Date(0),
        };
      }
    }
  }

  /**
   * The form a browser posts straight to the bucket: the fields to send first, then the file as
   * the last field, named "file". The signed policy lets the bucket accept only this key, 1 to
   * maxBytes bytes, exactly this Content-Type, until the expiration. The app still checks the
   * object (size, type by content) before recording it: the browser chose the Content-Type.
   */
  async presignedPost(
    key: string,
    options: { maxBytes: number; contentType: string; expiresInSeconds?: number },
  ): Promise<PresignedPost> {
    assertValidKey(key);
    const { maxBytes, contentType, expiresInSeconds = MAX_PRESIGNED_SECONDS } = options;
    if (!Number.isSafeInteger(maxBytes) || maxBytes < 1)
      throw new RangeError(`maxBytes must be a positive whole number of bytes, not ${maxBytes}`);
    if (
      !Number.isSafeInteger(expiresInSeconds) ||
      expiresInSeconds < 1 ||
      expiresInSeconds > MAX_PRESIGNED_SECONDS
    )
      throw new RangeError(
        `expiresInSeconds must be 1 to ${MAX_PRESIGNED_SECONDS} (DOC-03), not ${expiresInSeconds}`,
      );
    if (!/^[a-z]+\/[a-z0-9.+-]+$/.test(contentType))
      throw new RangeError(`not a content type: ${JSON.stringify(contentType)}`);
    const { url, fields } = await createPresignedPost(this.client, {
      Bucket: this.bucket,
      Key: key,
      // Each field also becomes an exact-match condition ({"Content-Type": …}).
      Fields: { 'Content-Type': contentType },
      Conditions: [['content-length-range', 1, maxBytes]],
      Expires: expiresInSeconds,
    });
    return { url, fields };
  }
}
