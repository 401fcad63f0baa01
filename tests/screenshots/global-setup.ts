import fs from 'node:fs';
import path from 'node:path';
import { MANIFEST_DIR, OUT } from './support';

/** Fresh output, leaving anything else in the folder alone. */
export default function globalSetup(): void {
  for (const sub of ['pages', 'emails', 'index.html', MANIFEST_DIR]) {
    fs.rmSync(path.resolve(OUT, sub), { recursive: true, force: true });
  }
  fs.mkdirSync(OUT, { recursive: true });
}
