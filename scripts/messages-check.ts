/**
 * Checks the texts that content editors edit: messages/{fr,en}.json (pages) and
 * emails/messages/{fr,en}.json (emails).
 *   npm run messages:check
 * Prints each problem with its file, full key and how to fix it; exits 1 when there is any.
 */
import path from 'node:path';
import { formatProblems } from '../lib/i18n/check-messages';
import { runMessagesCheck } from '../lib/i18n/check-messages-files';

const root = path.resolve(import.meta.dirname, '..');
const { problems, messageKeyCount, emailKeyCount } = runMessagesCheck(root);

if (problems.length > 0) {
  console.error(formatProblems(problems));
  process.exitCode = 1;
} else {
  console.log(`messages: OK (${messageKeyCount} keys in fr and en, ${emailKeyCount} email keys)`);
}
