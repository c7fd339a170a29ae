// @ts-check
// web-test-runner settings for bench/epoch.ts: the project's browser setup, one bench file, no test reporters.
import { defaultReporter } from '@web/test-runner';
import base from '../../web-test-runner.config.mjs';

/** @type {import('@web/test-runner').TestRunnerConfig} */
export default {
  ...base,
  files: ['bench/browser/epoch.bench.ts'],
  testsFinishTimeout: 900_000,
  testFramework: { config: { ui: 'bdd', timeout: 900_000 } },
  reporters: [defaultReporter({ reportTestResults: true, reportTestProgress: false })],
};
