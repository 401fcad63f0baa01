/**
 * Loaded into every server the bench starts (`node --expose-gc --require`), the baseline's and
 * the portal's alike. On SIGUSR2 it runs two full garbage collections and prints the process's
 * memory as one line on stderr: what the server still holds after its load, as opposed to the
 * RSS, which also counts garbage not yet collected and freed pages not yet given back.
 */
process.on('SIGUSR2', () => {
  globalThis.gc();
  globalThis.gc();
  const { rss, heapUsed, external } = process.memoryUsage();
  process.stderr.write(`MONSO_BENCH_MEMORY ${JSON.stringify({ rss, heapUsed, external })}\n`);
});
