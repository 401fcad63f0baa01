import path from 'node:path';
import fs from 'node:fs';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * Message keys are typed (lib/i18n/app-config.d.ts, next-intl's `AppConfig`): `npm run typecheck`
 * fails on a key that messages/fr.json does not have, and the email
 * translator (emails/components/messages.ts) does the same with emails/messages/fr.json. This compiles a fixture with the project's
 * compiler options and checks that tsc reports exactly the lines marked WRONG.
 */
const root = path.resolve(import.meta.dirname, '../..');

function typeErrorLines(fixture: string): number[] {
  const config = ts.getParsedCommandLineOfConfigFile(
    path.join(root, 'tsconfig.json'),
    { incremental: false },
    { ...ts.sys, onUnRecoverableConfigFileDiagnostic: (d) => expect.fail(String(d.messageText)) },
  )!;
  const file = path.join(root, fixture);
  const program = ts.createProgram({
    rootNames: [file, path.join(root, 'lib/i18n/app-config.d.ts')],
    options: config.options,
  });
  return ts
    .getPreEmitDiagnostics(program)
    .map((d) => {
      expect(d.file?.fileName, ts.flattenDiagnosticMessageText(d.messageText, '\n')).toBe(file);
      return d.file!.getLineAndCharacterOfPosition(d.start!).line + 1;
    })
    .sort((a, b) => a - b);
}

function markedLines(fixture: string, mark: string): number[] {
  return fs
    .readFileSync(path.join(root, fixture), 'utf8')
    .split('\n')
    .flatMap((line, i) => (line.match(new RegExp(`(//|/\\*) ${mark}`)) ? [i + 1] : []));
}

describe('typed messages', () => {
  it('I18N-01: a key the French file does not have is a type error (checked by tsc)', () => {
    const fixture = 'tests/fixtures/typed-messages/wrong-keys.ts';
    expect(markedLines(fixture, 'WRONG')).toHaveLength(6);
    expect(typeErrorLines(fixture)).toEqual(markedLines(fixture, 'WRONG'));
  }, 60_000);
});
