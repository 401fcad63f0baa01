import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy } from '@/lib/security/headers';
import {
  bucketPostOrigin,
  StorageConfigError,
  storageConfigFromEnv,
  type Env,
} from '@/lib/storage/config';
import { FsStorage } from '@/lib/storage/fs-storage';
import { storageFromEnv } from '@/lib/storage/from-env';
import { S3Storage } from '@/lib/storage/s3-storage';

const cwd = '/srv/portal';
const s3 = {
  STORAGE_DRIVER: 's3',
  S3_BUCKET: 'ottawa-permits',
  S3_ACCESS_KEY_ID: 'AKIAEXAMPLE',
  S3_SECRET_ACCESS_KEY: 'secret-example',
};

function refusal(env: Env): string {
  try {
    storageConfigFromEnv(env, cwd);
  } catch (error) {
    expect(error).toBeInstanceOf(StorageConfigError);
    const message = (error as Error).message;
    expect(message).not.toContain('\n');
    return message;
  }
  throw new Error('the configuration was accepted');
}

describe('storageConfigFromEnv', () => {
  it('defaults to the local disk under .data/uploads', () => {
    expect(storageConfigFromEnv({}, cwd)).toEqual({
      driver: 'fs',
      root: '/srv/portal/.data/uploads',
    });
    expect(storageConfigFromEnv({ STORAGE_DRIVER: 'fs' }, cwd)).toMatchObject({ driver: 'fs' });
  });

  it('takes UPLOADS_DIR, relative to the working folder or absolute', () => {
    expect(storageConfigFromEnv({ UPLOADS_DIR: 'var/files' }, cwd)).toEqual({
      driver: 'fs',
      root: '/srv/portal/var/files',
    });
    expect(storageConfigFromEnv({ UPLOADS_DIR: '/var/lib/portal' }, cwd)).toMatchObject({
      root: '/var/lib/portal',
    });
  });

  it('DOC-01: refuses an uploads folder under public/, where anyone could fetch the files', () => {
    for (const dir of ['public', 'public/uploads', '/srv/portal/public/x', './public/../public/y'])
      expect(refusal({ UPLOADS_DIR: dir })).toMatch(/^UPLOADS_DIR must be outside public\//);
    // A sibling whose name merely starts with "public" is fine.
    expect(storageConfigFromEnv({ UPLOADS_DIR: 'public-files' }, cwd)).toMatchObject({
      root: path.join(cwd, 'public-files'),
    });
  });

  it('reads the S3 settings, with the region and path style defaulted', () => {
    expect(storageConfigFromEnv(s3, cwd)).toEqual({
      driver: 's3',
      bucket: 'ottawa-permits',
      region: 'us-east-1',
      endpoint: undefined,
      accessKeyId: 'AKIAEXAMPLE',
      secretAccessKey: 'secret-example',
      forcePathStyle: false,
    });
    expect(
      storageConfigFromEnv(
        {
          ...s3,
          S3_ENDPOINT: 'http://127.0.0.1:4569',
          S3_REGION: 'ca-central-1',
          S3_FORCE_PATH_STYLE: 'true',
        },
        cwd,
      ),
    ).toMatchObject({
      endpoint: 'http://127.0.0.1:4569',
      region: 'ca-central-1',
      forcePathStyle: true,
    });
  });

  it('refuses s3 without its bucket or keys, in one line naming what is missing', () => {
    expect(refusal({ STORAGE_DRIVER: 's3' })).toBe(
      'STORAGE_DRIVER=s3 needs S3_BUCKET, S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY; missing: S3_BUCKET, S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY',
    );
    expect(refusal({ ...s3, S3_SECRET_ACCESS_KEY: '  ' })).toMatch(
      /missing: S3_SECRET_ACCESS_KEY$/,
    );
    expect(refusal({ ...s3, S3_BUCKET: '' })).toMatch(/missing: S3_BUCKET$/);
  });

  it('refuses an endpoint that is not an http(s) URL, and a path style that is not a yes/no', () => {
    expect(refusal({ ...s3, S3_ENDPOINT: '127.0.0.1:9000' })).toMatch(/^S3_ENDPOINT must be/);
    expect(refusal({ ...s3, S3_ENDPOINT: 'ftp://files' })).toMatch(/^S3_ENDPOINT must be/);
    expect(refusal({ ...s3, S3_FORCE_PATH_STYLE: 'maybe' })).toMatch(/^S3_FORCE_PATH_STYLE/);
  });

  it('refuses an unknown driver', () => {
    expect(refusal({ STORAGE_DRIVER: 'gcs' })).toBe('STORAGE_DRIVER must be fs or s3, not "gcs"');
  });
});

describe('storageFromEnv', () => {
  it('gives the fs driver by default', () => {
    const storage = storageFromEnv({ UPLOADS_DIR: '/tmp/portal-uploads' });
    expect(storage).toBeInstanceOf(FsStorage);
    expect((storage as FsStorage).root).toBe('/tmp/portal-uploads');
    expect(storage.presignedPost).toBeUndefined();
  });

  it('gives the s3 driver for STORAGE_DRIVER=s3, with its presigned POST', () => {
    const storage = storageFromEnv(s3);
    expect(storage).toBeInstanceOf(S3Storage);
    expect((storage as S3Storage).bucket).toBe('ottawa-permits');
    expect(storage.presignedPost).toBeTypeOf('function');
  });

  it('refuses an incomplete s3 setting rather than falling back to the local disk', () => {
    expect(() => storageFromEnv({ STORAGE_DRIVER: 's3' })).toThrow(StorageConfigError);
    expect(() => storageFromEnv({ ...s3, S3_ACCESS_KEY_ID: '' })).toThrow(
      /missing: S3_ACCESS_KEY_ID$/,
    );
  });

  it('names the origin the browser posts to, the presigned POST’s own, for connect-src; none with fs', async () => {
    for (const env of [
      s3,
      { ...s3, S3_REGION: 'ca-central-1' },
      { ...s3, S3_ENDPOINT: 'https://minio.example:9000', S3_FORCE_PATH_STYLE: 'true' },
      { ...s3, S3_ENDPOINT: 'https://r2.example' },
    ]) {
      const post = await storageFromEnv(env).presignedPost!('applications/a/b', {
        maxBytes: 10,
        contentType: 'application/pdf',
      });
      expect(bucketPostOrigin(env)).toBe(new URL(post.url).origin);
    }
    expect(bucketPostOrigin({})).toBeNull();
    expect(bucketPostOrigin({ STORAGE_DRIVER: 's3' })).toBeNull();
    expect(
      contentSecurityPolicy('n', false, 'https://ottawa-permits.s3.ca-central-1.amazonaws.com'),
    ).toContain("connect-src 'self' https://ottawa-permits.s3.ca-central-1.amazonaws.com;");
    expect(contentSecurityPolicy('n', false)).toContain("connect-src 'self';");
  });
});
