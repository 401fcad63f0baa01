import { StorageConfigError, storageConfigFromEnv, type Env } from './config';
import { FsStorage } from './fs-storage';
import type { Storage } from './storage';

/**
 * The store the settings name (see storageConfigFromEnv). Refuses, in one line, a setting that
 * cannot work: an unknown driver, s3 without its bucket or keys, an uploads folder under public/.
 *
 * The s3 driver needs @aws-sdk/client-s3 and @aws-sdk/s3-presigned-post, which this build does
 * not include yet: STORAGE_DRIVER=s3 with a complete configuration is refused as well, saying so,
 * rather than falling back to the local disk of a host that may not keep it.
 */
export function storageFromEnv(env: Env = process.env): Storage {
  const config = storageConfigFromEnv(env);
  if (config.driver === 'fs') return new FsStorage(config.root);
  throw new StorageConfigError(
    'STORAGE_DRIVER=s3 is not available in this build (it needs @aws-sdk/client-s3 and @aws-sdk/s3-presigned-post); use STORAGE_DRIVER=fs',
  );
}
