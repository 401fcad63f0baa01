// Prints a line per suite, then the one closing line CI reads: "N passed, N failed" over Vitest
// and Playwright, plus every CI step that failed outside a test runner (lint, build…). Exits
// non-zero on any failure.
// Arguments: the Vitest report, one or more Playwright reports, the number of failed CI steps.
import fs from 'node:fs';

const args = process.argv.slice(2);
const [vitestFile] = args;
const playwrightFiles = args.slice(1, -1);
const stepFailuresArg = args.at(-1);
const read = (file) => {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
};

let passed = 0;
let failed = 0;
const vitest = read(vitestFile);
/** One line per suite, so the summary shows which ran (and a missing report stands out). */
const suite = (name, ok, bad) => console.log(`  ${name}: ${ok} passed, ${bad} failed`);
if (vitest) {
  passed += vitest.numPassedTests ?? 0;
  failed += vitest.numFailedTests ?? 0;
  suite(`Vitest (${vitestFile})`, vitest.numPassedTests ?? 0, vitest.numFailedTests ?? 0);
} else {
  console.log(`no Vitest report at ${vitestFile}`);
}
for (const playwrightFile of playwrightFiles) {
  const playwright = read(playwrightFile);
  if (playwright?.stats) {
    const ok = (playwright.stats.expected ?? 0) + (playwright.stats.flaky ?? 0);
    passed += ok;
    failed += playwright.stats.unexpected ?? 0;
    suite(`Playwright (${playwrightFile})`, ok, playwright.stats.unexpected ?? 0);
  } else {
    console.log(`no Playwright report at ${playwrightFile}`);
  }
}
const stepFailures = Number(stepFailuresArg ?? 0);
if (stepFailures > 0) console.log(`${stepFailures} CI step(s) failed`);
const totalFailed = failed + (failed === 0 ? stepFailures : 0);
console.log(`${passed} passed, ${totalFailed} failed`);
process.exit(totalFailed > 0 || stepFailures > 0 ? 1 : 0);
