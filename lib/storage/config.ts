import path from 'node:path';

/** The environment variables read (process.env, or a test's own). */
export type Env = Readonly<Record<string, string | undefined>>;

export type StorageConfig =
  | { driver: 'fs'; root: string }
  | {
      driver: 's3';
      bucket: string;
      region: string;
      /** Any S3-compatible endpoint (MinIO, R2, s3rver…); unset for AWS itself. */
      endpoint?: string;
      accessKeyId: string;
      secretAccessKey: string;
      /** bucket in the path (http://host/bucket/key), as most S3-compatible servers need. */
      forcePathStyle: boolean;
    };

/** A setting that cannot work; its message is one line naming the variable to fix. */
export class StorageConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StorageConfigError';
  }
}

export const DEFAULT_UPLOADS_DIR = '.data/uploads';
const DEFAULT_REGION = 'us-east-1';

function parseBoolean(name: string, value: string | undefined): boolean {
  const normalized = (value ?? '').trim().toLowerCase();
  if (['', '0', 'false', 'no'].includes(normalized)) return false;
  if (['1', 'true', 'yes'].includes(normalized)) return true;
  throw new StorageConfigError(`${name} must be true or false, not ${JSON.stringify(value)}`);
}

/**
 * The storage settings from the environment:
 * STORAGE_DRIVER=fs (default) with UPLOADS_DIR (default .data/uploads, never under public/), or
 * STORAGE_DRIVER=s3 with S3_BUCKET, S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY (required),
 * S3_REGION (default us-east-1), S3_ENDPOINT, S3_FORCE_PATH_STYLE.
 */
export function storageConfigFromEnv(
  env: Env = process.env,
  cwd: string = process.cwd(),
): StorageConfig {
  const driver = (env.STORAGE_DRIVER ?? '').trim() || 'fs';
  if (driver === 'fs') {
    const root = path.resolve(cwd, env.UPLOADS_DIR?.trim() || DEFAULT_UPLOADS_DIR);
    const publicDir = path.resolve(cwd, 'public');
    const fromPublic = path.relative(publicDir, root);
    if (!fromPublic.startsWith('..') && !path.isAbsolute(fromPublic))
      throw new StorageConfigError(
        `UPLOADS_DIR must be outside public/ (everything there is served to anyone): ${root}`,
      );
    return { driver: 'fs', root };
  }
  if (driver === 's3') {
    const required = ['S3_BUCKET', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY'] as const;
    const missing = required.filter((name) => !env[name]?.trim());
    if (missing.length > 0)
      throw new StorageConfigError(
        `STORAGE_DRIVER=s3 needs ${required.join(', ')}; missing: ${missing.join(', ')}`,
      );
    const endpoint = env.S3_ENDPOINT?.trim() || undefined;
    if (endpoint !== undefined) {
      let protocol = '';
      try {
        protocol = new URL(endpoint).protocol;
      } catch {
        // Reported below.
      }
      if (protocol !== 'http:' && protocol !== 'https:')
        throw new StorageConfigError(
          `S3_ENDPOINT must be an http(s) URL such as https://s3.ca-central-1.amazonaws.com, not ${JSON.stringify(endpoint)}`,
        );
    }
    return {
      driver: 's3',
      bucket: env.S3_BUCKET!.trim(),
      region: env.S3_REGION?.trim() || DEFAULT_REGION,
      endpoint,
      accessKeyId: env.S3_ACCESS_KEY_ID!.trim(),
      secretAccessKey: env.S3_SECRET_ACCESS_KEY!.trim(),
      forcePathStyle: parseBoolean('S3_FORCE_PATH_STYLE', env.S3_FORCE_PATH_STYLE),
    };
  }
  throw new StorageConfigError(`STORAGE_DRIVER must be fs or s3, not ${JSON.stringify(driver)}`);
}

/**
 * The origin the browser posts documents to with STORAGE_DRIVER=s3 (the presigned POST's URL),
 * for the pages' Content-Security-Policy `connect-src`; null with fs or a setting that cannot
 * work (the store itself reports that). Virtual-hosted buckets are `bucket.host`, path-style
 * ones the endpoint's host; AWS without S3_ENDPOINT is `bucket.s3.region.amazonaws.com`.
 */
export function bucketPostOrigin(env: Env = process.env): string | null {
  let config: StorageConfig;
  try {
    config = storageConfigFromEnv(env);
  } catch {
    return null;
  }
  if (config.driver !== 's3') return null;
  const endpoint = new URL(config.endpoint ?? `https://s3.${config.region}.amazonaws.com`);
  if (!config.forcePathStyle) endpoint.hostname = `${config.bucket}.${endpoint.hostname}`;
  return endpoint.origin;
}
