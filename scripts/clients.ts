/**
 * Operators' command for client PINs of the old system:
 *   npm run clients -- issue --first-name Jean --last-name Tremblay [--client-number N] [--address "…"]
 *   npm run clients -- import records.csv [--out mailing.csv]
 *   npm run clients -- unlock EMAIL
 * Run `npm run clients -- --help` for details.
 */
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { loadEnvConfig } from '@next/env';
import { DatabaseLockedError } from '../lib/db/pglite-lock';

// Development (the default outside production) reads .env.development, like `next dev`.
loadEnvConfig(process.cwd(), process.env.NODE_ENV !== 'production');

const HELP = `Client PINs for Building Code Services (previous client records).

  npm run clients -- issue --first-name NAME --last-name NAME [--client-number N] [--address TEXT] [--valid-days D]
      Creates one client record with a new PIN and prints exactly one JSON line:
      {"clientNumber":"…","pin":"XXXX-XXXX"}
      Without --client-number, an unused 8-digit number is drawn.

  npm run clients -- import FILE.csv [--out MAILING.csv] [--valid-days D]
      Issues a PIN for every row of FILE.csv (header: client_number,first_name,last_name,address;
      client_number may be empty). Writes the mailing file (default FILE-mailing.csv) with
      client_number,first_name,last_name,address,pin — the only place PINs exist in clear: send
      it to the print shop, then delete it. Bad rows are reported by line number on stderr; good
      rows are issued anyway. Exit code 2 when some rows were refused.

  npm run clients -- unlock EMAIL
      Unlocks PIN linking for the account of EMAIL after 10 wrong PINs in a row (PIN-02): the
      count starts over. Prints "unlocked" (exit code 0), "not locked" (4) or "no account" (3).

  The administrators' support screen (/fr/personnel/soutien/nip-clients) issues, imports and
  unlocks with the same functions; it shows an import's mailing file once, for download.

  PINs are 8 characters (Crockford base32, about 40 bits), valid --valid-days days (default 180),
  single use, stored only as a keyed hash (PIN_PEPPER must be set, at least 32 characters).
  Database: DATABASE_URL, or the embedded database in PGLITE_DIR — which must not be in use by a
  running server (stop \`npm run dev\` first; the command refuses otherwise).`;

function fail(message: string, code = 1): never {
  console.error(message);
  process.exit(code);
}

async function main() {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      help: { type: 'boolean', short: 'h' },
      'first-name': { type: 'string' },
      'last-name': { type: 'string' },
      'client-number': { type: 'string' },
      address: { type: 'string' },
      out: { type: 'string' },
      'valid-days': { type: 'string' },
    },
  });
  const [command, file] = positionals;
  if (values.help || !command) {
    console.log(HELP);
    process.exit(values.help ? 0 : 1);
  }
  const { validDaysFrom, MAX_VALID_DAYS } = await import('../lib/clients/import-client-records');
  const validDays = validDaysFrom(values['valid-days'] ?? '');
  if (validDays === 'invalid') {
    fail(`--valid-days must be a whole number of days between 1 and ${MAX_VALID_DAYS}`);
  }
  // Unlocking hashes no PIN: it needs no pepper.
  if (command === 'unlock') {
    const email = file;
    if (!email) fail('unlock needs an email address: npm run clients -- unlock EMAIL');
    const { unlockPinLink } = await import('../lib/clients/unlock-pin-link');
    const result = await unlockPinLink(await (await import('../lib/db/client')).getDb(), email);
    const answers = {
      unlocked: ['unlocked', 0],
      not_locked: ['not locked', 4],
      no_account: ['no account', 3],
    } as const;
    const [text, code] = answers[result];
    console.log(text);
    process.exit(code);
  }

  const { pinPepper } = await import('../lib/clients/pin');
  try {
    pinPepper();
  } catch (error) {
    fail((error as Error).message);
  }
  const { getDb } = await import('../lib/db/client');

  if (command === 'issue') {
    const { issueClientRecord } = await import('../lib/clients/import-client-records');
    const issued = await issueClientRecord(
      await getDb(),
      {
        clientNumber: values['client-number'] ?? '',
        firstName: values['first-name'] ?? '',
        lastName: values['last-name'] ?? '',
        address: values.address ?? '',
      },
      { validDays },
    );
    if (issued.status === 'refused') fail(issued.message);
    process.stdout.write(
      JSON.stringify({ clientNumber: issued.clientNumber, pin: issued.pin }) + '\n',
    );
    process.exit(0);
  }

  if (command === 'import') {
    if (!file) fail('import needs a CSV file: npm run clients -- import FILE.csv');
    if (!fs.existsSync(file)) fail(`No such file: ${file}`);
    const out = values.out ?? file.replace(/\.csv$/i, '') + '-mailing.csv';
    const { importClientRecords, mailingFile } =
      await import('../lib/clients/import-client-records');
    const result = await importClientRecords(await getDb(), fs.readFileSync(file, 'utf8'), {
      validDays,
    });
    fs.writeFileSync(out, mailingFile(result.issued), { mode: 0o600 });
    for (const error of result.errors) console.error(`line ${error.line}: ${error.message}`);
    console.error(
      `${result.issued.length} PIN(s) issued, ${result.errors.length} row(s) refused. Mailing file: ${out}`,
    );
    process.exit(result.errors.length > 0 ? 2 : 0);
  }

  fail(`Unknown command "${command}".\n\n${HELP}`);
}

main().catch((error: unknown) => {
  if (error instanceof DatabaseLockedError) fail(error.message);
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
