/**
 * Child process of tests/integration/faults.test.ts: opens the embedded database in PGLITE_DIR
 * the way the app does (getDb: the PID lock, PGlite, migrations), then writes forever, one
 * transaction per account (a user row and its security event), printing `committed N` after
 * each commit. The test kills it with SIGKILL mid-way and checks what survived.
 */
import { getDb } from '../../lib/db/client';
import { securityEvents, users } from '../../lib/db/schema';

async function main() {
  const db = await getDb();
  process.stdout.write('ready\n');
  for (let i = 0; ; i++) {
    await db.transaction(async (tx) => {
      const [user] = await tx
        .insert(users)
        .values({
          email: `crash.${i}@example.ca`,
          passwordHash: 'not-a-real-hash',
          locale: 'fr',
          termsVersion: '2026-11-01',
          acceptedTermsAt: new Date(),
        })
        .returning({ id: users.id });
      await tx.insert(securityEvents).values({ type: 'register', userId: user!.id });
    });
    process.stdout.write(`committed ${i}\n`);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
