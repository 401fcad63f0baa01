import { appUrl } from '@/lib/config/app-url';
import { getDb } from '@/lib/db/client';
import type { AccountDeps } from './deps';

/** The real dependencies, for actions and route handlers. */
export async function accountDeps(): Promise<AccountDeps> {
  return { db: await getDb(), now: () => new Date(), appUrl: appUrl() };
}
