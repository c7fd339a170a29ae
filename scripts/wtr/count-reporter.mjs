// @ts-check
/**
 * web-test-runner reporter that makes the result machine-readable.
 *
 * At the end of a run it writes `.test-results/browser.json`:
 *   {"passed": N, "failed": N, "skipped": N, "failures": ["file > suite > test", ...]}
 * counting individual tests (not files), and prints `N passed, N failed` alone on the
 * very last line of the output (wtr's own summary shares a line with its progress bar).
 *
 * Errors that belong to a test file rather than to a test (the file failed to load or
 * bundle, an uncaught error outside a test, the file timed out) are counted as one
 * failure each, named "file: message", so the count never says 0 failed while wtr
 * exits non-zero.
 *
 * A stale result file is removed as soon as the config is loaded: if the runner dies
 * before reporting (e.g. the browser cannot start), there is no browser.json at all.
 */
import fs from 'node:fs';
import path from 'node:path';

/**
 * @typedef {{ name: string, passed: boolean, skipped: boolean }} TestResult
 * @typedef {{ name: string, suites: Suite[], tests: TestResult[] }} Suite
 * @typedef {{ testFile: string, passed?: boolean, errors?: { message?: string }[], testResults?: Suite }} Session
 */

/**
 * @param {Session[]} sessions
 * @param {string} rootDir
 */
export function summarize(sessions, rootDir) {
  const counts = { passed: 0, failed: 0, skipped: 0, failures: /** @type {string[]} */ ([]) };
  const multiBrowser = new Set(sessions.map((s) => /** @type {any} */ (s).browser?.name)).size > 1;

  for (const session of sessions) {
    const file = path.relative(rootDir, session.testFile).split(path.sep).join('/') || session.testFile;
    const label = multiBrowser ? `${file} [${/** @type {any} */ (session).browser?.name}]` : file;
    const failedBefore = counts.failed;

    /** @param {Suite | undefined} suite @param {string[]} titles */
    const walk = (suite, titles) => {
      if (!suite) return;
      for (const test of suite.tests ?? []) {
        if (test.skipped) counts.skipped += 1;
        else if (test.passed) counts.passed += 1;
        else {
          counts.failed += 1;
          counts.failures.push([label, ...titles, test.name].join(' > '));
        }
      }
      for (const child of suite.suites ?? []) walk(child, [...titles, child.name]);
    };
    walk(session.testResults, []);

    for (const error of session.errors ?? []) {
      counts.failed += 1;
      const message = String(error?.message ?? error).split('\n')[0];
      counts.failures.push(`${label}: ${message}`);
    }
    // Defensive: a session marked failed with nothing to show for it.
    if (session.passed === false && counts.failed === failedBefore) {
      counts.failed += 1;
      counts.failures.push(`${label}: test file failed`);
    }
  }
  return counts;
}

/**
 * @param {{ outFile?: string }} [options]
 * @returns {import('@web/test-runner').Reporter}
 */
export function countReporter(options = {}) {
  const outFile = path.resolve(options.outFile ?? '.test-results/browser.json');
  fs.rmSync(outFile, { force: true });

  let rootDir = process.cwd();
  /** @type {string | null} */
  let finalLine = null;

  /** @param {Session[]} sessions */
  const write = (sessions) => {
    const counts = summarize(sessions, rootDir);
    fs.mkdirSync(path.dirname(outFile), { recursive: true });
    fs.writeFileSync(outFile, `${JSON.stringify(counts, null, 2)}\n`);
    return counts;
  };

  return {
    start({ config }) {
      rootDir = config.rootDir ?? process.cwd();
    },
    onTestRunFinished({ sessions }) {
      // Written after every run (useful in watch mode); final again in stop().
      write(/** @type {Session[]} */ (/** @type {unknown} */ (sessions)));
    },
    stop({ sessions }) {
      const counts = write(/** @type {Session[]} */ (/** @type {unknown} */ (sessions)));
      const first = finalLine === null;
      finalLine = `${counts.passed} passed, ${counts.failed} failed`;
      // wtr prints its final progress report after reporters stop, then exits via
      // process.exit(). An 'exit' listener added now runs after wtr's own listeners,
      // and stdout writes are synchronous for files, pipes and TTYs on Linux/macOS.
      if (first) {
        process.once('exit', () => {
          process.stdout.write(`\n${finalLine}\n`);
        });
      }
    },
  };
}
