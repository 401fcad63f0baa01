/**
 * Checks the texts that content editors edit: messages/{fr,en}.json (pages),
 * emails/messages/{fr,en}.json (emails) and messages/global-error.json.
 *   npm run messages:check
 * Prints each problem with its file, full key and how to fix it; exits 1 when there is any.
 */
import path from 'node:path';
import { formatProblems, runMessagesCheck } from './check-messages';

const root = path.resolve(import.meta.dirname, '../..');
const { problems, keyCounts } = runMessagesCheck(root);

if (problems.length > 0) {
  console.error(formatProblems(problems));
  process.exitCode = 1;
} else {
  console.log(`messages: OK (${keyCounts[0]} keys in fr and en, ${keyCounts[1]} email keys)`);
}
