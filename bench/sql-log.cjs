/* eslint-disable @typescript-eslint/no-require-imports -- CommonJS, loaded with node --require */
/**
 * The bench's SQL log: one line per statement appended to `file` *while the file exists*, so
 * bench/sql-count.ts counts statements per request by creating it, and stops the counting (and
 * its cost: a synchronous write per statement) during load runs by deleting it. Whether it
 * exists is checked every RECHECK_MS. Used by bench/sql-count-preload.cjs (inside the portal
 * server, embedded database) and bench/ws-bridge-process.ts (PostgreSQL): nothing in the app.
 */
const fs = require('node:fs');

const RECHECK_MS = 100;

/** `onStart` runs once, the first time the file is seen. */
function startSqlLog(file, onStart = () => {}) {
  let counting = false;
  let started = false;
  setInterval(() => {
    counting = fs.existsSync(file);
    if (counting && !started) {
      started = true;
      onStart();
    }
  }, RECHECK_MS).unref();
  return {
    log(query) {
      if (counting)
        fs.appendFileSync(file, `${String(query).replace(/\s+/g, ' ').slice(0, 120)}\n`);
    },
  };
}

module.exports = { RECHECK_MS, startSqlLog };
