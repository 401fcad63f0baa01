/**
 * How Debian's Chromium is launched here, for the end-to-end tests and the benchmark alike:
 * Playwright cannot download its own browsers, and this machine's network is closed (the
 * background-networking flags stop Chromium from trying).
 */
export const CHROMIUM_LAUNCH = {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
};
