import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';

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
const built = spawnSync(process.execPath, ['scripts/build-cli.mjs'], { encoding: 'utf8' });
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
