// Debian's Chromium as every browser the project drives uses it: the browser tests
// (web-test-runner.config.mjs) and the built-site tests, screenshots and benchmarks
// (scripts/site/serve.mjs). No tool downloads a browser.

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  // Network guard: Debian's /usr/bin/chromium wrapper adds --enable-remote-extensions and Google
  // API keys (/etc/chromium.d), and the browser then looks up update.googleapis.com and
  // accounts.google.com despite the flags above. Every hostname lookup fails locally (no DNS
  // query); the pages only ever ask for the test server's IP literal.
  '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1',
];
