/**
 * Operators' command for City staff accounts:
 *   npm run -s staff -- create --email agent@ottawa.ca --name "Name" --role intake
 *   npm run -s staff -- reenrol --email agent@ottawa.ca
 *   npm run -s staff -- disable --email agent@ottawa.ca
 * Run `npm run staff -- --help` for details.
 */
import { parseArgs } from 'node:util';
import { loadEnvConfig } from '@next/env';
import en from '../messages/en.json';
import { DatabaseLockedError } from '../lib/db/pglite-lock';

// Development (the default outside production) reads .env.development, like `next dev`.
loadEnvConfig(process.cwd(), process.env.NODE_ENV !== 'production');

const HELP = `City staff accounts (the staff area, /fr/personnel and /en/staff).

  npm run -s staff -- create --email EMAIL --name NAME --role intake|examiner|inspector|admin [--locale fr|en]
      Creates a staff member and prints exactly one JSON line:
      {"email":"…","role":"…","setupUrl":"…"}
      Give the set-up link to the person, by a channel you trust: it is the only copy. It works
      once, for 72 hours; there they choose a password and enrol their authenticator app (TOTP).
      --locale is the language of the set-up page (default fr). Exit code 3 if the address is taken.

  npm run -s staff -- reenrol --email EMAIL [--locale fr|en]
      Lost phone, forgotten password, a disabled account given back: clears the password, the
      second factor and the recovery codes, ends every session, enables the account and prints
      one JSON line {"email":"…","setupUrl":"…"}. Exit code 3 if there is no such member.

  npm run -s staff -- disable --email EMAIL
      The account can no longer sign in and its sessions end now. Prints "disabled",
      "already disabled" or "no staff member" (exit code 0, 0, 3).

  The same domain functions serve the administrators' screen (/fr/personnel/equipe); each change
  is written to the staff audit trail. APP_URL is the base of the link.
  Database: DATABASE_URL, or the embedded database in PGLITE_DIR — which must not be in use by a
  running server (stop \`npm run dev\` first; the command refuses otherwise).`;

function fail(message: string, code = 1): never {
  console.error(message);
  process.exit(code);
}

/** The English text of a message key (`Fields.email.errors.invalid`), or the key. */
function text(key: string): string {
  let node: unknown = en;
  for (const part of key.split('.')) node = (node as Record<string, unknown> | undefined)?.[part];
  return typeof node === 'string' ? node : key;
}

async function main() {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      help: { type: 'boolean', short: 'h' },
      email: { type: 'string' },
      name: { type: 'string' },
      role: { type: 'string' },
      locale: { type: 'string' },
    },
  });
  const [command] = positionals;
  if (values.help || !command) {
    console.log(HELP);
    process.exit(values.help ? 0 : 1);
  }
  const locale = values.locale ?? 'fr';
  if (locale !== 'fr' && locale !== 'en') fail('--locale must be fr or en');
  if (!values.email) fail(`${command} needs --email`);
  const { getDb } = await import('../lib/db/client');
  const { appUrl } = await import('../lib/config/app-url');
  const deps = { db: await getDb(), now: () => new Date(), appUrl: appUrl() };

  if (command === 'create') {
    const { createStaffMember } = await import('../lib/staff/create-staff-member');
    const result = await createStaffMember(
      deps,
      { email: values.email, name: values.name ?? '', role: (values.role ?? '') as 'intake' },
      { locale },
    );
    if (result.status === 'invalid') {
      fail(
        Object.entries(result.fieldErrors)
          .map(([field, key]) => `--${field}: ${text(key!)}`)
          .join('\n'),
      );
    }
    if (result.status === 'email_taken') fail('A staff member already has this address.', 3);
    const { email, role, setupUrl } = result;
    process.stdout.write(JSON.stringify({ email, role, setupUrl }) + '\n');
    process.exit(0);
  }
  if (command === 'reenrol') {
    const { reenrolStaffMember } = await import('../lib/staff/manage-staff-member');
    const result = await reenrolStaffMember(deps, { email: values.email }, { locale });
    if (result.status === 'not_found') fail('No staff member has this address.', 3);
    process.stdout.write(JSON.stringify({ email: result.email, setupUrl: result.setupUrl }) + '\n');
    process.exit(0);
  }
  if (command === 'disable') {
    const { disableStaffMember } = await import('../lib/staff/manage-staff-member');
    const result = await disableStaffMember(deps, { email: values.email });
    if (result === 'not_found') fail('no staff member', 3);
    console.log(result === 'disabled' ? 'disabled' : 'already disabled');
    process.exit(0);
  }
  fail(`Unknown command "${command}".\n\n${HELP}`);
}

main().catch((error: unknown) => {
  if (error instanceof DatabaseLockedError) fail(error.message);
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
