/**
 * `npm run security:matrix`: the table of docs/SECURITY.md that maps each row of the security
 * rules (SECURITY.md of the design: REG-01…SEC-01, then each later group as its first tests land:
 * APP-01…03, DOC-01…05) to the tests that prove it — every Vitest or
 * Playwright test whose name starts with the row's ID. It rewrites the part of docs/SECURITY.md
 * between the two markers; tests/unit/security-matrix.test.ts fails when a row has no test or
 * when the document is out of date.
 */
import fs from 'node:fs';
import path from 'node:path';

export const SECURITY_ROWS = [
  ['REG-01', 'Registration does not reveal existing accounts'],
  ['REG-02', 'Terms acceptance server-side, versioned'],
  ['REG-03', 'Email normalization and validation; confirm fields'],
  ['REG-04', 'Activation-email flood control'],
  ['REG-05', 'Per-IP registration throttle'],
  ['ACT-01', 'Activation token strength and storage'],
  ['ACT-02', 'Activation link lifetime'],
  ['ACT-03', 'Single use'],
  ['ACT-04', 'Resend never extends validity'],
  ['ACT-05', 'Activation password check is a login pathway'],
  ['ACT-06', 'Inactive account'],
  ['PWD-01', 'Minimum length'],
  ['PWD-02', 'Maximum length'],
  ['PWD-03', 'No composition rules'],
  ['PWD-04', 'Common and breached blocklist'],
  ['PWD-05', 'Unicode and exactness'],
  ['PWD-06', 'Password-manager friendly'],
  ['PWD-07', 'Hashing'],
  ['PWD-08', 'Password change'],
  ['PWD-09', 'Compromised-password response'],
  ['LOG-01', 'Generic failure, in both languages'],
  ['LOG-02', 'Timing parity'],
  ['LOG-03', 'Per-account throttle, reset on success'],
  ['LOG-04', 'Per-IP throttle'],
  ['LOG-05', 'All pathways throttled'],
  ['LOG-06', 'Trusted client IP'],
  ['LOG-07', 'New session on login'],
  ['LOG-08', 'Open-redirect-safe callback'],
  ['SES-01', 'Cookie attributes'],
  ['SES-02', 'Idle timeout'],
  ['SES-03', 'Absolute lifetime'],
  ['SES-04', 'Logout: visible, POST-only, revoked server-side'],
  ['SES-05', 'Revocation checked on every request'],
  ['SES-06', 'Concurrent sessions'],
  ['SES-07', 'Re-authentication for sensitive changes'],
  ['CSRF-01', 'Server Actions origin'],
  ['CSRF-02', 'Route Handlers'],
  ['CSRF-03', 'No state change on GET'],
  ['HDR-01', 'HSTS'],
  ['HDR-02', 'CSP'],
  ['HDR-03', 'Misc headers; token-URL hygiene'],
  ['RST-01', 'Forgot password does not reveal accounts'],
  ['RST-02', 'Reset token'],
  ['RST-03', 'Reset throttle'],
  ['RST-04', 'After a reset'],
  ['AUTHZ-01', 'Gate enforced beyond middleware'],
  ['AUTHZ-02', 'Step order'],
  ['AUTHZ-03', 'Registration state freshness'],
  ['AUTHZ-04', 'IDOR and mass assignment'],
  ['VAL-01', 'Profile validation (server)'],
  ['PIN-01', 'PIN bound to the signed-in account'],
  ['PIN-02', 'Attempt budget'],
  ['PIN-03', 'Cross-account throttle'],
  ['PIN-04', 'Storage'],
  ['PIN-05', 'Single use and one-to-one link'],
  ['PIN-07', 'Expiry and messages'],
  ['PIN-08', '"Don’t link and continue"'],
  ['PIN-09', 'Link notification and audit'],
  ['PRIV-01', 'Collection notice'],
  ['PRIV-02', 'Consent required and recorded'],
  ['PRIV-03', 'Re-consent on a notice change'],
  ['PRIV-04', 'No PII in tokens, URLs or logs'],
  ['LOGG-01', 'Security event log'],
  ['ERR-01', 'Generic errors'],
  ['I18N-01', 'Locale parity'],
  ['I18N-02', 'Emails in the chosen language'],
  ['MAIL-01', 'Mail safety'],
  ['DEP-01', 'Patched framework; internal header stripped'],
  ['SEC-01', 'Secrets'],
  ['APP-01', 'Applications belong to their owner'],
  ['APP-02', 'Status changes only through the transition table'],
  ['APP-03', 'Server-side amounts and answers'],
  ['DOC-01', 'Upload allowlist by content'],
  ['DOC-02', 'Scanned before anyone opens it'],
  ['DOC-03', 'Safe downloads'],
  ['DOC-04', 'Uploads answer programs with statuses; only the checklist’s items'],
  ['DOC-05', 'Direct uploads to the bucket checked before they count'],
  ['PAY-01', 'No card data here'],
  ['PAY-02', 'Fulfilment only from verified webhooks'],
  ['PAY-03', 'One payment per invoice'],
  ['PAY-04', 'Test provider never in production by accident'],
  ['STF-01', 'Staff need two factors'],
  ['STF-02', 'Staff and residents never cross'],
  ['STF-03', 'Staff sessions are short'],
  ['STF-04', 'Append-only audit trail'],
] as const;

export type SecurityRowId = (typeof SECURITY_ROWS)[number][0];

const ID = /^([A-Z0-9]+-\d{2})(?:,\s*([A-Z0-9]+-\d{2}))*(?=:)/;
const CALL = /(?:^|[\s(])(?:it|test)(?:\.skip|\.only)?\(\s*(['"`])((?:(?!\1)[\s\S])*?)\1/g;
export const START = '<!-- security-matrix:start (npm run security:matrix writes this part) -->';
export const END = '<!-- security-matrix:end -->';

function testFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return testFiles(full);
    return /\.(test|spec)\.ts$/.test(entry.name) ? [full] : [];
  });
}

/** Every test whose name starts with row IDs ("LOG-03, ACT-05: …"), by row. */
export function collectSecurityTests(
  rootDir: string,
): Map<string, { file: string; name: string }[]> {
  const found = new Map<string, { file: string; name: string }[]>();
  for (const full of testFiles(path.join(rootDir, 'tests')).sort()) {
    const file = path.relative(rootDir, full).split(path.sep).join('/');
    for (const match of fs.readFileSync(full, 'utf8').matchAll(CALL)) {
      const name = match[2]!.replace(/\s+/g, ' ');
      const ids = ID.exec(name)?.[0].split(/,\s*/) ?? [];
      for (const id of ids) found.set(id, [...(found.get(id) ?? []), { file, name }]);
    }
  }
  return found;
}

/** The generated table, in the order of the rules. */
export function renderMatrix(rootDir: string): string {
  const tests = collectSecurityTests(rootDir);
  const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\$\{[^}]*\}/g, '…');
  const lines = [
    '| Row | Rule | Tests (file › name) |',
    '| --- | --- | --- |',
    ...SECURITY_ROWS.map(([id, rule]) => {
      const list = tests.get(id) ?? [];
      const text = list.length
        ? list.map((t) => `\`${t.file}\` › ${cell(t.name)}`).join('<br>')
        : '**no test**';
      return `| ${id} | ${cell(rule)} | ${text} |`;
    }),
  ];
  return lines.join('\n');
}

/** docs/SECURITY.md with its generated part replaced by the current table. */
export function updatedDocument(rootDir: string): string {
  const file = path.join(rootDir, 'docs/SECURITY.md');
  const text = fs.readFileSync(file, 'utf8');
  const start = text.indexOf(START);
  const end = text.indexOf(END);
  if (start < 0 || end < start)
    throw new Error(`docs/SECURITY.md lacks the markers ${START} … ${END}`);
  return `${text.slice(0, start + START.length)}\n\n${renderMatrix(rootDir)}\n\n${text.slice(end)}`;
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(__filename)) {
  const root = process.cwd();
  fs.writeFileSync(path.join(root, 'docs/SECURITY.md'), updatedDocument(root));
  const missing = SECURITY_ROWS.filter(([id]) => !collectSecurityTests(root).has(id));
  console.log(
    missing.length
      ? `docs/SECURITY.md written; rows without a test: ${missing.map(([id]) => id).join(', ')}`
      : `docs/SECURITY.md written; every one of the ${SECURITY_ROWS.length} rows has a test`,
  );
}
