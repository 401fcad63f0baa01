import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  SECURITY_ROWS,
  collectSecurityTests,
  updatedDocument,
} from '../../scripts/security-matrix';

const root = path.resolve(__dirname, '../..');

describe('docs/SECURITY.md', () => {
  it('every security rule has at least one test whose name starts with its ID', () => {
    const tests = collectSecurityTests(root);
    const missing = SECURITY_ROWS.map(([id]) => id).filter((id) => !tests.has(id));
    expect(missing).toEqual([]);
  });

  it('lists the current tests of every rule (run `npm run security:matrix` after renaming tests)', () => {
    const current = fs.readFileSync(path.join(root, 'docs/SECURITY.md'), 'utf8');
    expect(current).toBe(updatedDocument(root));
  });
});
