/* eslint-disable @typescript-eslint/no-require-imports -- CommonJS, loaded with node --require */
/**
 * Loaded into the portal server by the bench on the embedded database (NODE_OPTIONS=--require,
 * with MONSO_SQL_COUNT_FILE): logs every statement the app sends to PGlite (bench/sql-log.cjs).
 * PGlite is a server-external package (next.config.ts), so the server and this file share one
 * copy of it; its query() and each transaction's query() are wrapped the first time the bench
 * creates the file, never before (cold start and memory are measured without it). A
 * transaction's BEGIN and COMMIT are PGlite's own and not counted, as before.
 */
const path = require('node:path');
const { startSqlLog } = require('./sql-log.cjs');

const file = process.env.MONSO_SQL_COUNT_FILE;
if (file && !process.env.DATABASE_URL) {
  const sqlLog = startSqlLog(file, () => void wrapPglite().catch((error) => console.error(error)));

  function wrap(PGlite) {
    const base = Object.getPrototypeOf(PGlite.prototype);
    if (base.__monsoSqlLog) return;
    base.__monsoSqlLog = true;
    const { query, transaction } = base;
    base.query = function (sql, ...rest) {
      sqlLog.log(sql);
      return query.call(this, sql, ...rest);
    };
    base.transaction = function (callback, ...rest) {
      return transaction.call(
        this,
        (tx) => {
          const txQuery = tx.query;
          tx.query = (sql, ...args) => {
            sqlLog.log(sql);
            return txQuery(sql, ...args);
          };
          return callback(tx);
        },
        ...rest,
      );
    };
  }

  // The copy the server loaded: its CommonJS build if it is in require's cache, else the ESM one.
  async function wrapPglite() {
    const cjs = require.resolve('@electric-sql/pglite', { paths: [path.resolve(__dirname, '..')] });
    if (require.cache[cjs]) wrap(require(cjs).PGlite);
    else wrap((await import('@electric-sql/pglite')).PGlite);
  }
}
