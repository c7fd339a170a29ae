// The whole suite behind `npm test`: type check, format + lint (Biome), unused code (knip), Node unit
// tests, browser tests in Chromium.
// It ends with one line "N passed, N failed" so CI can count tests across both runners.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';

const args = new Set(process.argv.slice(2));
const only = args.has('--node') ? 'node' : args.has('--browser') ? 'browser' : 'all';
const results = '.test-results';
mkdirSync(results, { recursive: true });

function run(cmd, argv) {
  const r = spawnSync(cmd, argv, { stdio: 'inherit' });
  return r.status ?? 1;
}

function findTests(dir, skip) {
  const out = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) {
      if (!skip.includes(p)) out.push(...findTests(p, skip));
    } else if (name.endsWith('.test.ts')) out.push(p);
  }
  return out;
}

let passed = 0;
let failed = 0;
let skipped = 0;
const problems = [];

// Whole-tree checks, each counted as one test.
if (only === 'all') {
  const checks = [
    ['type check', ['tsc', '--noEmit', '-p', 'tsconfig.json']],
    ['format and lint (npx biome check --write FILES fixes most)', ['biome', 'ci', '.']],
    ['unused files, exports or dependencies (knip)', ['knip', '--no-progress']],
  ];
  for (const [name, argv] of checks) {
    const rc = run('npx', argv);
    if (rc !== 0) problems.push(name);
    rc === 0 ? passed++ : failed++;
  }
}

if (only !== 'browser') {
  const tap = join(results, 'node.tap');
  rmSync(tap, { force: true });
  const files = findTests('test', [join('test', 'browser')]);
  const rc = run(process.execPath, [
    '--import',
    'tsx',
    '--test',
    '--test-reporter=spec',
    '--test-reporter-destination=stdout',
    '--test-reporter=tap',
    `--test-reporter-destination=${tap}`,
    ...files,
  ]);
  const text = existsSync(tap) ? readFileSync(tap, 'utf8') : '';
  const count = (key) => Number((text.match(new RegExp(`^# ${key} (\\d+)$`, 'm')) ?? [])[1] ?? 0);
  passed += count('pass');
  failed += count('fail') + count('cancelled');
  skipped += count('skipped') + count('todo');
  if (rc !== 0 && count('fail') + count('cancelled') === 0) {
    failed++;
    problems.push('node test runner');
  }
}

if (only !== 'node') {
  const json = join(results, 'browser.json');
  rmSync(json, { force: true });
  const rc = run(process.execPath, ['scripts/wtr/run.mjs']);
  const r = existsSync(json) ? JSON.parse(readFileSync(json, 'utf8')) : { passed: 0, failed: 0, skipped: 0 };
  passed += r.passed;
  failed += r.failed;
  skipped += r.skipped ?? 0;
  if (rc !== 0 && r.failed === 0) {
    failed++;
    problems.push('browser test runner');
  }
}

if (problems.length) console.log(`failed: ${problems.join(', ')}`);
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exitCode = failed > 0 ? 1 : 0;
