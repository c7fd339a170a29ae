import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { compileGraph } from '../../src/compile/compile';
import { trainableCount } from '../../src/compile/plan';
import { loadGraph } from '../../src/graph/load';

const loaded = (file: string) => {
  const r = loadGraph(readFileSync(file, 'utf8'), file);
  if (!r.ok) throw new Error(r.errors[0].message);
  return r.doc;
};
const own = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };

/**
 * The package as a researcher gets it: `npm pack` (which builds the CLI and the library), the
 * tarball installed into an empty folder with its dependencies from npm's local cache, then the
 * installed command and the library import. Nothing runs through tsx or the source tree.
 */
test('npm pack → install into an empty folder → `npx slidegraph` and `import from "slidegraph"` work', { timeout: 600_000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'sg-pack-'));
  const packed = JSON.parse(execFileSync('npm', ['pack', '--json', '--pack-destination', dir], { encoding: 'utf8' })) as {
    filename: string;
    files: { path: string }[];
  }[];
  const files = packed[0].files.map((f) => f.path);
  for (const f of [
    'dist-cli/slidegraph.js',
    'dist-lib/index.js',
    'dist-lib/types/src/index.d.ts',
    'graphs/fig6-global.json',
    'schema/graph.schema.json',
    'schema/fit.schema.json',
    // the real lab record docs/lab.md walks through, with its licence
    'data/lab/velstep3_TR2_exp013_sepiolite.txt',
    'data/lab/LICENSE-steadystate.txt',
  ])
    assert.ok(files.includes(f), `the tarball has ${f}`);
  assert.ok(!files.some((f) => f.startsWith('test/') || f.startsWith('src/')), 'tests and sources stay out of the tarball');

  const app = join(dir, 'app');
  execFileSync('mkdir', [app]);
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'app', version: '1.0.0', private: true, type: 'module' }));
  execFileSync('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--ignore-scripts', join(dir, packed[0].filename)], {
    cwd: app,
    stdio: 'pipe',
  });

  const run = (...args: string[]) => spawnSync('npx', ['--no-install', 'slidegraph', ...args], { cwd: app, encoding: 'utf8' });
  const version = run('--version');
  assert.equal(version.status, 0, version.stderr);
  assert.equal(version.stdout.trim(), own.version);
  const help = run('--help');
  assert.equal(help.status, 0, help.stderr);
  for (const command of ['simulate', 'data', 'check', 'train', 'evaluate']) assert.match(help.stdout, new RegExp(`\\b${command}\\b`));
  // The shipped graphs come with the package, sub-graphs included.
  const check = run('check', 'node_modules/slidegraph/graphs/fig6-global.json', '--json');
  assert.equal(check.status, 0, check.stderr);
  // Bad input still gets one line and exit code 2 from the built command.
  const bad = run('check', 'no-such-file.json');
  assert.equal(bad.status, 2);
  assert.equal(bad.stderr.trim().split('\n').length, 1, bad.stderr);

  writeFileSync(
    join(app, 'use.mjs'),
    `import { readFileSync } from 'node:fs';
import { compileGraph, loadGraph, trainableCount } from 'slidegraph';
const file = 'node_modules/slidegraph/graphs/fig2-main.json';
const loaded = loadGraph(readFileSync(file, 'utf8'), file);
if (!loaded.ok) throw new Error(loaded.errors[0].message);
const compiled = compileGraph(loaded.doc);
if (!compiled.ok) throw new Error(compiled.errors[0].message);
console.log(JSON.stringify({ outputs: Object.keys(compiled.plan.outputs), parameters: trainableCount(compiled.plan) }));
`,
  );
  const used = spawnSync(process.execPath, ['use.mjs'], { cwd: app, encoding: 'utf8' });
  assert.equal(used.status, 0, used.stderr);
  const fromSource = compileGraph(loaded('graphs/fig2-main.json'));
  assert.ok(fromSource.ok);
  assert.deepEqual(JSON.parse(used.stdout), { outputs: ['Predictions'], parameters: trainableCount(fromSource.plan) });
});
