import 'server-only';
import { getDb } from '@/lib/db/client';
import { storageFromEnv } from '@/lib/storage/from-env';
import type { Storage } from '@/lib/storage/storage';
import { scannerFromEnv, type Scanner } from './scan';
import type { DocumentDeps } from './upload-document';

let storage: Storage | null = null;
let scanner: Scanner | null = null;

/** The real store and scanner from the settings (read once), with the database and clock. */
export async function documentDeps(): Promise<DocumentDeps> {
  storage ??= storageFromEnv();
  scanner ??= scannerFromEnv();
  return { db: await getDb(), now: () => new Date(), storage, scanner };
}
