import assert from 'node:assert/strict';
import { type ChildProcess, execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import * as ort from 'onnxruntime-web';
import { launch } from '../../scripts/site/serve.mjs';
import { compileGraph } from '../../src/compile/compile';
import { trainableCount } from '../../src/compile/plan';
import { loadGraph } from '../../src/graph/load';
import { CURRENT_GRAPH_VERSION } from '../../src/graph/types';
import { smallRun } from '../support/cli';

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
test('npm pack → install into an empty folder → the command, import and require, types under three resolutions, the Python reader and the editor work', {
  timeout: 1_500_000,
}, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sg-pack-'));
  const packed = JSON.parse(execFileSync('npm', ['pack', '--json', '--pack-destination', dir], { encoding: 'utf8' })) as {
    filename: string;
    files: { path: string }[];
  }[];
  const files = packed[0].files.map((f) => f.path);
  for (const f of [
    'dist-cli/slidegraph.js',
    'dist-lib/index.js',
    'dist-lib/node.js',
    'dist-lib/types/src/index.d.ts',
    'graphs/fig6-global.json',
    'schema/graph.schema.json',
    'dist-lib/index.cjs',
    'dist/index.html',
    'dist/THIRD_PARTY_LICENSES.txt',
    'dist-cli/THIRD_PARTY_LICENSES.txt',
    'python/slidegraph_runs.py',
    'LICENSE',
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

  // CommonJS: require() gets the same library.
  writeFileSync(
    join(app, 'use.cjs'),
    `const sg = require('slidegraph'); console.log(typeof sg.compileGraph, typeof sg.train, sg.CURRENT_GRAPH_VERSION);`,
  );
  const required = spawnSync(process.execPath, ['use.cjs'], { cwd: app, encoding: 'utf8' });
  assert.equal(required.status, 0, required.stderr);
  assert.equal(required.stdout.trim(), `function function ${CURRENT_GRAPH_VERSION}`);

  // Only the parts of tfjs and no editor-only package are installed.
  const installed = readdirSync(join(app, 'node_modules'));
  for (const absent of ['lit', 'rete', 'elkjs', 'uplot']) assert.ok(!installed.includes(absent), `${absent} is not installed`);
  assert.ok(!readdirSync(join(app, 'node_modules', '@tensorflow')).includes('tfjs'), 'the tfjs umbrella is not installed');
  console.log(`install size: ${(du(join(app, 'node_modules')) / 1e6).toFixed(1)} MB in node_modules`);

  // The Node face: a run prepared from the shipped graph, as README's example does (not trained here).
  writeFileSync(
    join(app, 'node.mjs'),
    `import { prepareRun, trainRun } from 'slidegraph/node';
const run = prepareRun('node_modules/slidegraph/graphs/stage-me.json', [{ training: { epochs: 2 } }]);
console.log(JSON.stringify({ epochs: run.run.training.epochs, trainRun: typeof trainRun }));
`,
  );
  const node = spawnSync(process.execPath, ['node.mjs'], { cwd: app, encoding: 'utf8' });
  assert.equal(node.status, 0, node.stderr);
  assert.deepEqual(JSON.parse(node.stdout), { epochs: 2, trainRun: 'function' });

  typesResolve(app);
  pythonReadsARun(app, run);
  await onnxMatchesPredict(app, run);
  await editorTrainsOneEpoch(app);
});

/** Bytes of the files under a folder (what `du --apparent-size` counts). */
function du(dir: string): number {
  let n = 0;
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    const st = statSync(p, { throwIfNoEntry: false });
    if (st?.isDirectory()) n += du(p);
    else if (st?.isFile()) n += st.size;
  }
  return n;
}

/** Errors that tfjs-core's own declarations raise under skipLibCheck: false (not ours, see docs/package.md). */
const UPSTREAM = /^node_modules\/(@webgpu\/types\/|@tensorflow\/tfjs-core\/dist\/hash_util\.d\.ts)|[\\/]lib\.dom\.d\.ts\(/;

/**
 * A TypeScript consumer type-checks against the installed declarations under node16, nodenext
 * and bundler, with skipLibCheck false: no error in the consumer or in slidegraph's declarations,
 * and a deliberate mistake is caught (the types are real, not any).
 */
function typesResolve(app: string): void {
  writeFileSync(
    join(app, 'consumer.ts'),
    `import { compileGraph, loadGraph, type TrainEvent, trainableCount } from 'slidegraph';
const loaded = loadGraph('{}', 'x.json');
const compiled = loaded.ok ? compileGraph(loaded.doc) : undefined;
export const n: number = compiled?.ok ? trainableCount(compiled.plan) : 0;
export const kind = (e: TrainEvent): string => e.type;
`,
  );
  writeFileSync(join(app, 'mistake.ts'), `import { trainableCount } from 'slidegraph';\nexport const wrong: string = trainableCount;\n`);
  const tsc = resolve('node_modules/.bin/tsc');
  for (const [resolution, module] of [
    ['node16', 'node16'],
    ['nodenext', 'nodenext'],
    ['bundler', 'esnext'],
  ]) {
    for (const [file, wantMistake] of [
      ['consumer.ts', false],
      ['mistake.ts', true],
    ] as const) {
      const config = join(app, `tsconfig.${resolution}.json`);
      writeFileSync(
        config,
        JSON.stringify({
          compilerOptions: { module, moduleResolution: resolution, target: 'es2022', strict: true, skipLibCheck: false, noEmit: true },
          files: [file],
        }),
      );
      const r = spawnSync(tsc, ['-p', config, '--pretty', 'false'], { cwd: app, encoding: 'utf8' });
      const errors = r.stdout.split('\n').filter((l) => /error TS\d+/.test(l));
      const ours = errors.filter((l) => !UPSTREAM.test(l));
      if (wantMistake) {
        assert.equal(ours.length, 1, `${resolution}: ${ours.join('\n')}`);
        assert.match(ours[0], /^mistake\.ts\(2,14\): error TS2322/, resolution);
      } else assert.deepEqual(ours, [], `${resolution}: ${file}`);
    }
  }
}

/** python/slidegraph_runs.py from the installed package reads a run the installed command trained. */
function pythonReadsARun(app: string, run: (...args: string[]) => { status: number | null; stderr: string }): void {
  const python = process.env.PYTHON ?? '/usr/bin/python3';
  if (spawnSync(python, ['-c', 'import numpy']).status !== 0) return console.log(`skipped the Python reader: no ${python} with numpy`);
  const trained = run('train', 'node_modules/slidegraph/graphs/fig6-global.json', ...smallRun(), '--out', 'run');
  assert.equal(trained.status, 0, trained.stderr);
  const r = spawnSync(
    python,
    [
      '-c',
      'import sys, json; sys.path.insert(0, "node_modules/slidegraph/python"); import slidegraph_runs as sg; print(json.dumps(sg.read_run("run")["metrics"]["test"]["total"].tolist()))',
    ],
    { cwd: app, encoding: 'utf8' },
  );
  assert.equal(r.status, 0, r.stderr);
  const metrics = JSON.parse(readFileSync(join(app, 'run', 'metrics.json'), 'utf8'));
  assert.deepEqual(
    JSON.parse(r.stdout),
    metrics.epochs.map((e: { test: { total: number } }) => e.test.total),
  );
}

/** The installed command exports the run that pythonReadsARun trained as ONNX; onnxruntime predicts what `predict` does. */
async function onnxMatchesPredict(app: string, run: (...args: string[]) => { status: number | null; stderr: string }): Promise<void> {
  for (const args of [
    ['data', '--count', '6', '--seed', '9', '--out', 'six.json'],
    ['predict', 'run', '--data', 'six.json', '--out', 'six-predictions.json'],
    ['export-onnx', 'run', '--out', 'main.onnx'],
  ]) {
    const r = run(...args);
    assert.equal(r.status, 0, `${args[0]}: ${r.stderr}`);
  }
  const ds = JSON.parse(readFileSync(join(app, 'six.json'), 'utf8'));
  const T: number = ds.config.samples;
  const session = await ort.InferenceSession.create(readFileSync(join(app, 'main.onnx')));
  const x = Float32Array.from(ds.sequences.flatMap((s: { Features: number[] }) => s.Features));
  const got = (await session.run({ features: new ort.Tensor('float32', x, [6, T, 1]) })).predictions.data as Float32Array;
  const want = JSON.parse(readFileSync(join(app, 'six-predictions.json'), 'utf8')).sequences.flatMap(
    (s: { normalized: number[] }) => s.normalized,
  );
  assert.equal(got.length, want.length);
  for (let i = 0; i < got.length; i++) assert.ok(Math.abs(got[i] - want[i]) <= 1e-5, `value ${i}: ${got[i]} vs ${want[i]}`);
  await session.release();
}

/** `slidegraph editor` serves the shipped editor on 127.0.0.1; Chromium opens it, asks nothing of any other host, and trains one epoch. */
async function editorTrainsOneEpoch(app: string): Promise<void> {
  const server: ChildProcess = spawn(process.execPath, ['node_modules/slidegraph/dist-cli/slidegraph.js', 'editor', '--port', '0'], {
    cwd: app,
  });
  const url = await new Promise<string>((done, fail) => {
    let out = '';
    server.stdout!.on('data', (d) => {
      out += d;
      const m = /Slidegraph editor at (http:\/\/127\.0\.0\.1:\d+\/)/.exec(out);
      if (m) done(m[1]);
    });
    server.on('exit', (code) => fail(new Error(`slidegraph editor exited with ${code} before serving`)));
  });
  const browser = await launch();
  try {
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    const foreign: string[] = [];
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('request', (r) => {
      if (!r.url().startsWith(url) && !r.url().startsWith('blob:') && !r.url().startsWith('data:')) foreign.push(r.url());
    });
    await page.goto(url);
    await page.locator('#canvas[data-shown="fig6-global.json"]').waitFor({ timeout: 120_000 });
    for (const [label, value] of [
      ['sequences', '120'],
      ['epochs', '1'],
      ['batch', '30'],
    ] as const) {
      await page.getByLabel(label, { exact: true }).fill(value);
      await page.getByLabel(label, { exact: true }).press('Tab');
    }
    await page.locator('sg-run-panel [data-action="run"]').click();
    type App = HTMLElement & { client: { state: { status: string; rows: unknown[] } } };
    await page.waitForFunction(() => (document.querySelector('sg-app') as App).client.state.status === 'done', null, { timeout: 300_000 });
    assert.equal(await page.evaluate(() => (document.querySelector('sg-app') as App).client.state.rows.length), 1);
    assert.deepEqual(foreign, []);
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
    const exited = new Promise<number | null>((done) => server.on('exit', done));
    server.kill('SIGINT');
    assert.equal(await exited, 0, 'Ctrl-C stops the editor cleanly');
  }
}
