// DEP-01: refuse framework versions with known critical advisories (CVE-2025-29927 middleware
// bypass, the React Server Components advisories). Minimums per release line.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const MINIMUMS = {
  next: { 15: '15.5.10', 16: '16.0.11' },
  react: { 19: '19.2.3' },
  'react-dom': { 19: '19.2.3' },
};

const parse = (v) => v.split('-')[0].split('.').map(Number);
const atLeast = (v, min) => {
  const a = parse(v);
  const b = parse(min);
  for (let i = 0; i < 3; i++) if (a[i] !== b[i]) return a[i] > b[i];
  return true;
};

let ok = true;
for (const [name, lines] of Object.entries(MINIMUMS)) {
  const { version } = require(`${name}/package.json`);
  const min = lines[parse(version)[0]];
  if (!min || !atLeast(version, min)) {
    console.error(
      `${name} ${version} is below the patched minimum (${min ?? 'unsupported major'})`,
    );
    ok = false;
  } else {
    console.log(`${name} ${version} ≥ ${min}`);
  }
}
process.exit(ok ? 0 : 1);
