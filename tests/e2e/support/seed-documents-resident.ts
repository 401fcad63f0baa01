/**
 * For the S3 documents spec: a registered resident (GOOD_PASSWORD) with a construction permit
 * filled up to its Documents step, in the embedded database of PGLITE_DIR, before a server opens
 * it. Prints the application's reference. Usage: tsx seed-documents-resident.ts EMAIL
 */
import { getDb } from '../../../lib/db/client';
import { testDeps } from '../../helpers/accounts';
import { fillPermit } from '../../helpers/applications';
import { fakeClock } from '../../helpers/db';
import { registeredUser } from '../../helpers/registration';

async function main() {
  const [email] = process.argv.slice(2);
  if (!email) throw new Error('usage: seed-documents-resident.ts EMAIL');
  const deps = testDeps(await getDb(), fakeClock(new Date()));
  const userId = await registeredUser(deps, email);
  console.log(await fillPermit(deps, userId, { documents: false }));
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
