/**
 * Operators' command for accounts:
 *   npm run accounts -- require-password-change EMAIL
 *   npm run accounts -- resend-activation EMAIL
 * Run `npm run accounts -- --help` for details.
 */
import { parseArgs } from 'node:util';
import { loadEnvConfig } from '@next/env';
import { DatabaseLockedError } from '../lib/db/pglite-lock';

// Development (the default outside production) reads .env.development, like `next dev`.
loadEnvConfig(process.cwd(), process.env.NODE_ENV !== 'production');

const HELP = `My ServiceOttawa accounts.

  npm run accounts -- require-password-change EMAIL
      For a password known to be compromised (found in a breach, reported by the resident):
      once signed in, the account can open nothing but "Changer le mot de passe" until the
      password is changed or reset (SECURITY.md PWD-09). Prints "flagged" or "no account";
      the exit code is 0 or 3. The same answer comes for an address whatever its letter case.

  npm run accounts -- resend-activation EMAIL
      Mails a new activation link, in the account's language, to an account not yet activated;
      earlier links stop working. Prints "sent" (exit code 0), "already active" (4), "no account"
      (3) or "too many mails this hour" (5: the address's hourly budget, REG-04).

  The administrators' support screen (/fr/personnel/soutien) does both with the same functions.

  Database: DATABASE_URL, or the embedded database in PGLITE_DIR — which must not be in use by a
  running server (stop \`npm run dev\` first; the command refuses otherwise).`;

function fail(message: string, code = 1): never {
  console.error(message);
  process.exit(code);
}

async function main() {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { help: { type: 'boolean', short: 'h' } },
  });
  const [command, email] = positionals;
  if (values.help || !command) {
    console.log(HELP);
    process.exit(values.help ? 0 : 1);
  }
  if (command === 'require-password-change') {
    if (!email) fail('require-password-change needs an email address');
    const { getDb } = await import('../lib/db/client');
    const { requirePasswordChange } = await import('../lib/accounts/require-password-change');
    const flagged = await requirePasswordChange(
      { db: await getDb(), now: () => new Date() },
      email,
    );
    console.log(flagged ? 'flagged' : 'no account');
    process.exit(flagged ? 0 : 3);
  }
  if (command === 'resend-activation') {
    if (!email) fail('resend-activation needs an email address');
    const { runtimeDeps } = await import('../lib/deps');
    const { resendActivationEmail } = await import('../lib/accounts/resend-activation');
    const result = await resendActivationEmail(await runtimeDeps(), email);
    const answers = {
      sent: ['sent', 0],
      already_active: ['already active', 4],
      no_account: ['no account', 3],
      too_many: ['too many mails this hour', 5],
    } as const;
    const [text, code] = answers[result];
    console.log(text);
    process.exit(code);
  }
  fail(`Unknown command "${command}".\n\n${HELP}`);
}

main().catch((error: unknown) => {
  if (error instanceof DatabaseLockedError) fail(error.message);
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
