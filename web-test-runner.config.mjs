// @ts-check
/**
 * Browser tests: `npx wtr` (= `npx web-test-runner`), exits non-zero on any failure.
 * One file: `npx wtr test/browser/editor-canvas.test.ts`.
 *
 * - Runs in Debian's Chromium through Playwright; no test tool downloads a browser.
 * - Every `test/browser/**\/*.test.ts` (and every other project .ts file the page or a
 *   worker requests) is bundled on request by esbuild: see scripts/wtr/esbuild-bundle-plugin.mjs
 *   for the resolution rules (tfjs served as its prebuilt ESM file, elkjs bundled build,
 *   `new Worker(new URL('./x.ts', import.meta.url), { type: 'module' })` supported).
 * - Results: human-readable output, plus `.test-results/browser.json` and a final
 *   `N passed, N failed` line from scripts/wtr/count-reporter.mjs.
 * - No network: the suite only talks to wtr's own server on 127.0.0.1.
 * - The server sends the editor's cross-origin isolation headers (scripts/isolation.mjs), so the
 *   pages are tested as the editor is served.
 */

import { fileURLToPath } from 'node:url';
import { defaultReporter, summaryReporter } from '@web/test-runner';
import { playwrightLauncher } from '@web/test-runner-playwright';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './scripts/chromium.mjs';
import { ISOLATION_HEADERS } from './scripts/isolation.mjs';
import { countReporter } from './scripts/wtr/count-reporter.mjs';
import { esbuildBundlePlugin } from './scripts/wtr/esbuild-bundle-plugin.mjs';

const rootDir = fileURLToPath(new URL('.', import.meta.url));

/** @type {import('@web/test-runner').TestRunnerConfig} */
export default {
  rootDir,
  files: ['test/browser/**/*.test.ts'],
  hostname: '127.0.0.1',
  nodeResolve: false, // esbuild resolves everything while bundling
  // One test file at a time: the training tests run a worker each, and two at once on a 2-core
  // machine only make both slow.
  concurrency: 1,
  concurrentBrowsers: 1,
  browserStartTimeout: 60_000,
  testsStartTimeout: 60_000,
  testsFinishTimeout: 120_000,
  testFramework: {
    config: { ui: 'bdd', timeout: 20_000 },
  },
  browsers: [
    playwrightLauncher({
      product: 'chromium',
      launchOptions: {
        executablePath: CHROMIUM_PATH,
        headless: true,
        args: CHROMIUM_ARGS,
      },
    }),
  ],
  middleware: [
    (ctx, next) => {
      ctx.set(ISOLATION_HEADERS);
      return next();
    },
  ],
  plugins: [esbuildBundlePlugin({ rootDir })],
  reporters: [
    defaultReporter({ reportTestResults: true, reportTestProgress: true }),
    summaryReporter({ flatten: false, reportTestLogs: false, reportTestErrors: false }),
    countReporter({ outFile: `${rootDir}.test-results/browser.json` }),
  ],
};
