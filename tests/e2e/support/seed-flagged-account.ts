/**
 * For the PWD-09 spec: an active account whose password operators flagged as compromised, in the
 * embedded database of PGLITE_DIR, before a server opens it. Usage: tsx seed-flagged-account.ts EMAIL PASSWORD
 */
import { requirePasswordChange } from '../../../lib/accounts/require-password-change';
import { getDb } from '../../../lib/db/client';
import { users } from '../../../lib/db/schema';
import { hashPassword } from '../../../lib/security/password-hash';

async function main() {
  const [email, password] = process.argv.slice(2);
  if (!email || !password) throw new Error('usage: seed-flagged-account.ts EMAIL PASSWORD');
  const db = await getDb();
  const now = new Date();
  await db.insert(users).values({
    email,
    passwordHash: await hashPassword(password),
    status: 'active',
    locale: 'fr',
    termsVersion: 'e2e',
    acceptedTermsAt: now,
    activatedAt: now,
  });
  if (!(await requirePasswordChange({ db, now: () => now }, email))) throw new Error('not flagged');
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
