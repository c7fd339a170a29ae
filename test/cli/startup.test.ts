import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

/**
 * The commands that never train start without TensorFlow.js (the CLI imports each command's
 * module when it runs). A module-resolution hook makes every import of `@tensorflow/*` fail, so a
 * command that loads tfjs, however indirectly, dies with TFJS_LOADED; the last test shows the hook
 * does catch a command that loads it. Run through tsx on the sources and on the built, code-split
 * bin (dist-cli/), which is what a user runs.
 */
const hooks = `export async function resolve(specifier, context, next) {
  const r = await next(specifier, context);
  if (/^@tensorflow\\//.test(specifier) || r.url.includes('/@tensorflow/')) throw new Error('TFJS_LOADED ' + specifier);
  return r;
}`;
const trap = `data:text/javascript,${encodeURIComponent(
  `import { register } from 'node:module'; register(${JSON.stringify(`data:text/javascript,${encodeURIComponent(hooks)}`)});`,
)}`;

const dir = mkdtempSync(join(tmpdir(), 'sg-startup-'));
const built = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/build-cli.ts'], { encoding: 'utf8' });
assert.equal(built.status, 0, built.stderr);

const entries = { source: ['--import', 'tsx', 'src/cli/main.ts'], built: ['dist-cli/slidegraph.js'] };
function run(entry: keyof typeof entries, ...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', trap, ...entries[entry], ...args], { encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const csvDir = join(dir, 'csv');
const commands: { name: string; args: string[]; code: number; out?: RegExp }[] = [
  { name: '--help', args: ['--help'], code: 0, out: /Usage: slidegraph/ },
  { name: '--version', args: ['--version'], code: 0, out: /^\d+\.\d+\.\d+\n$/ },
  { name: 'check', args: ['check', 'graphs/fig6-global.json', '--json'], code: 0, out: /"trainableParameters": 3297/ },
  { name: 'simulate', args: ['simulate', 'test/fixtures/protocols/slide-hold-slide.json'], code: 0, out: /\d/ },
  { name: 'data', args: ['data', '--count', '4', '--csv', csvDir], code: 0 },
  { name: 'floor', args: ['floor', '--count', '4', '--draws', '2', '--json'], code: 0, out: /"mean"/ },
  // A folder without sweep.json: collect's whole module graph is loaded before it refuses.
  { name: 'collect', args: ['collect', dir], code: 2 },
];

for (const entry of ['source', 'built'] as const) {
  for (const c of commands)
    test(`${entry}: ${c.name} runs without loading TensorFlow.js`, () => {
      const r = run(entry, ...c.args);
      assert.doesNotMatch(r.stderr, /TFJS_LOADED/);
      assert.equal(r.code, c.code, r.stderr);
      if (c.out) assert.match(r.stdout, c.out);
    });

  test(`${entry}: import runs without loading TensorFlow.js`, () => {
    const csv = readdirSync(csvDir)
      .filter((f) => f.endsWith('.csv'))
      .map((f) => join(csvDir, f));
    assert.ok(csv.length >= 2, 'data --csv wrote the files import reads');
    const r = run(entry, 'import', ...csv, '--out', join(dir, `${entry}.json`));
    assert.doesNotMatch(r.stderr, /TFJS_LOADED/);
    assert.equal(r.code, 0, r.stderr);
  });

  test(`${entry}: the hook does catch a command that loads TensorFlow.js (evaluate)`, () => {
    const r = run(entry, 'evaluate', join(dir, 'no-such-run'));
    assert.match(r.stderr, /TFJS_LOADED @tensorflow\/tfjs/);
    assert.notEqual(r.code, 0);
  });
}

/**
 * What --help and --version load, counted (never timed): a resolve hook writes every module URL
 * that Node resolves, and at exit the preload adds every CommonJS file in require.cache. Node pays
 * for each file it opens, so the built command must load its entry and one start chunk, nothing
 * from node_modules (commander is bundled; tfjs, rxjs, ajv, d3-dsv and cli-progress wait for the
 * commands that use them) and no command's code; scripts/build-cli.ts says how.
 */
const tracer = `import { appendFileSync } from 'node:fs';
export async function resolve(specifier, context, next) {
  const r = await next(specifier, context);
  appendFileSync(process.env.SG_LOADED, r.url + '\\n');
  return r;
}`;
const trace = `data:text/javascript,${encodeURIComponent(
  `import { register, createRequire } from 'node:module'; import { appendFileSync } from 'node:fs';
register(${JSON.stringify(`data:text/javascript,${encodeURIComponent(tracer)}`)});
const cache = createRequire(process.cwd() + '/').cache;
process.on('exit', () => appendFileSync(process.env.SG_LOADED, Object.keys(cache).map((f) => 'file://' + f + '\\n').join('')));`,
)}`;

/** The files (relative to the checkout) and the node: builtins a run of the CLI loaded. */
function loaded(entry: keyof typeof entries, ...args: string[]) {
  const log = join(dir, `loaded-${entry}-${args.join('_').replace(/\W/g, '_')}.txt`);
  const r = spawnSync(process.execPath, ['--import', trace, ...entries[entry], ...args], {
    encoding: 'utf8',
    env: { ...process.env, SG_LOADED: log },
  });
  assert.equal(r.status, 0, r.stderr);
  const urls = [...new Set(readFileSync(log, 'utf8').trim().split('\n'))];
  return {
    stdout: r.stdout,
    files: urls.filter((u) => u.startsWith('file:')).map((u) => relative(process.cwd(), fileURLToPath(u))),
    builtins: urls.filter((u) => u.startsWith('node:')),
  };
}

for (const args of [['--help'], ['--version'], ['train', '--help']])
  test(`built: ${args.join(' ')} loads the entry and one start chunk, nothing from node_modules`, () => {
    const { stdout, files, builtins } = loaded('built', ...args);
    assert.match(stdout, args[0] === '--version' ? /^\d+\.\d+\.\d+\n$/ : /Usage: slidegraph/);
    assert.deepEqual(
      files.filter((f) => !/^dist-cli\/chunks\/start-[\w-]+\.js$/.test(f)),
      ['dist-cli/slidegraph.js'],
    );
    assert.equal(files.length, 2, files.join(', '));
    // commander's and the flags' few: each builtin is small, but a new one here is worth a look
    assert.ok(builtins.length <= 8, builtins.join(', '));
  });

test('source: --help loads no command code and none of the packages that wait for a command', () => {
  const { stdout, files } = loaded('source', '--help');
  assert.match(stdout, /Usage: slidegraph/);
  assert.ok(files.includes('src/cli/flags/train.ts'), 'the trace sees the sources');
  const late = files.filter((f) => /^src\/cli\/commands\/|node_modules\/(@tensorflow|rxjs|ajv|d3-dsv|cli-progress)\//.test(f));
  assert.deepEqual(late, []);
});

test('the trace does see a command load its code and its packages (simulate: ajv, no tfjs)', () => {
  const { files } = loaded('built', 'simulate', 'test/fixtures/protocols/slide-hold-slide.json');
  assert.ok(
    files.some((f) => f.startsWith('dist-cli/chunks/simulate-')),
    files.join(', '),
  );
  assert.ok(
    files.some((f) => f.includes('node_modules/ajv/')),
    files.join(', '),
  );
  assert.ok(!files.some((f) => f.includes('node_modules/@tensorflow/')));
});
