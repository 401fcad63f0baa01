import { storageConfigFromEnv, type Env } from './config';
import { FsStorage } from './fs-storage';
import { S3Storage } from './s3-storage';
import type { Storage } from './storage';

/**
 * The store the settings name (see storageConfigFromEnv). Refuses, in one line, a setting that
 * cannot work: an unknown driver, s3 without its bucket or keys, an uploads folder under public/.
 */
export function storageFromEnv(env: Env = process.env): Storage {
  const config = storageConfigFromEnv(env);
  if (config.driver === 'fs') return new FsStorage(config.root);
  return new S3Storage(config);
}
