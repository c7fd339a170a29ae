import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { test } from 'node:test';

/**
 * The import rules of docs/architecture.md, checked on the source text: every `import … from`,
 * `export … from` and `import('…')` of src/ and nodes/, type-only imports included (a type that
 * lives in the wrong file is how the old circles started).
 */

const root = resolve('.');
const walk = (dir: string): string[] =>
  readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? walk(p) : p.endsWith('.ts') ? [p] : [];
  });
const files = [...walk('src'), ...walk('nodes')].map((f) => relative(root, resolve(f)));
const text = new Map(files.map((f) => [f, readFileSync(f, 'utf8')]));

const specifiers = (source: string): string[] =>
  [
    ...source.matchAll(
      /(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|(?:^|\n)\s*import\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g,
    ),
  ].map((m) => m[1] ?? m[2] ?? m[3]);

/** A relative specifier as the file it names (path/to/x.ts or path/to/x/index.ts), else the package. */
function target(from: string, spec: string): string {
  if (!spec.startsWith('.')) return spec;
  const base = relative(root, resolve(dirname(from), spec));
  for (const f of [base, `${base}.ts`, join(base, 'index.ts')]) if (text.has(f)) return f;
  return existsSync(base) ? base : `${base}.ts`;
}

const imports = new Map(files.map((f) => [f, specifiers(text.get(f)!).map((s) => target(f, s))]));
const inside = (f: string, dir: string) => f.startsWith(`${dir}/`);
const offending = (from: (f: string) => boolean, bad: (t: string) => boolean) =>
  files.filter(from).flatMap((f) =>
    imports
      .get(f)!
      .filter(bad)
      .map((t) => `${f} → ${t}`),
  );

test('the scan sees the tree: imports are found and resolved to files', () => {
  assert.ok(files.length > 100, `${files.length} files`);
  assert.ok(imports.get('src/cli/main.ts')!.includes('src/cli/flags/train.ts'));
  assert.ok(imports.get('src/runs/runTraining.ts')!.includes('rxjs'));
});

test('nothing under src/ outside src/cli imports src/cli', () => {
  assert.deepEqual(
    offending(
      (f) => !inside(f, 'src/cli'),
      (t) => inside(t, 'src/cli'),
    ),
    [],
  );
});

test('bench/ drives runs through the library, never through src/cli', () => {
  const bench = walk('bench').map((f) => relative(root, resolve(f)));
  const through = bench.flatMap((f) =>
    specifiers(readFileSync(f, 'utf8'))
      .filter((spec) => spec.startsWith('.') && inside(relative(root, resolve(dirname(f), spec)), 'src/cli'))
      .map((spec) => `${f} → ${spec}`),
  );
  assert.ok(bench.length > 5, `${bench.length} bench files`);
  assert.deepEqual(through, []);
});

test('src/runs has no terminal: no terminal module, no stdout/stderr writes, no signal handlers, no argv', () => {
  assert.deepEqual(
    offending(
      (f) => inside(f, 'src/runs'),
      (t) => ['cli-progress', 'commander', 'node:readline', 'node:tty'].includes(t),
    ),
    [],
  );
  const terminal = /process\.(stdout|stderr|argv|exit|send)\b|process\.(on|once)\(\s*['"]SIG|console\./;
  assert.deepEqual(
    files.filter((f) => inside(f, 'src/runs') && terminal.test(text.get(f)!)),
    [],
  );
});

test('src/physics imports only src/util and itself', () => {
  assert.deepEqual(
    offending(
      (f) => inside(f, 'src/physics'),
      (t) => t.startsWith('src/') && !inside(t, 'src/physics') && !inside(t, 'src/util'),
    ),
    [],
  );
});

test('blocks (nodes/) never import the editor; the compiler never imports Rete; the editor never imports src/paper', () => {
  assert.deepEqual(
    offending(
      (f) => inside(f, 'nodes'),
      (t) => inside(t, 'src/editor'),
    ),
    [],
  );
  assert.deepEqual(
    offending(
      (f) => inside(f, 'src/compile'),
      (t) => /^rete/.test(t) || t.startsWith('@retejs') || inside(t, 'src/editor'),
    ),
    [],
  );
  assert.deepEqual(
    offending(
      (f) => inside(f, 'src/editor'),
      (t) => inside(t, 'src/paper') || inside(t, 'src/cli'),
    ),
    [],
  );
});

test('no import cycles', () => {
  const cycles: string[] = [];
  const state = new Map<string, 'open' | 'done'>();
  const path: string[] = [];
  const visit = (f: string) => {
    state.set(f, 'open');
    path.push(f);
    for (const t of imports.get(f) ?? []) {
      if (!text.has(t)) continue;
      if (state.get(t) === 'open') cycles.push([...path.slice(path.indexOf(t)), t].join(' → '));
      else if (!state.has(t)) visit(t);
    }
    path.pop();
    state.set(f, 'done');
  };
  for (const f of files) if (!state.has(f)) visit(f);
  assert.deepEqual(cycles, []);
});

/**
 * The layers, lowest first (docs/architecture.md). A folder imports only folders of lower layers;
 * the browser's editor none of the Node-only ones. Files at the top of src/ are the library faces.
 */
const layers = [
  ['util'],
  ['physics'],
  ['graph', 'kernels', 'plots'],
  ['nodes'],
  ['compile'],
  ['train'],
  ['run'],
  ['report'],
  ['fit', 'runs'],
  ['paper'],
  ['editor', 'cli', 'index.ts', 'node.ts'],
];
const folderOf = (f: string) => (f.startsWith('src/') ? f.split('/')[1] : f.split('/')[0]);
const rank = (folder: string) => layers.findIndex((l) => l.includes(folder));

test('every import goes down the layers (and the editor skips src/paper)', () => {
  assert.ok(
    files.every((f) => rank(folderOf(f)) >= 0),
    'every folder has a layer',
  );
  const upward = files.flatMap((f) =>
    imports
      .get(f)!
      .filter((t) => text.has(t) && folderOf(t) !== folderOf(f))
      .filter((t) => {
        const [a, b] = [folderOf(f), folderOf(t)];
        return rank(b) >= rank(a) || (a === 'editor' && b === 'paper');
      })
      .map((t) => `${f} → ${t}`),
  );
  assert.deepEqual(upward, []);
});

/** Files that reach a Node built-in (node:fs, …) through their imports. */
const reachesNode = new Map<string, string | undefined>();
function nodeChain(f: string): string | undefined {
  if (reachesNode.has(f)) return reachesNode.get(f);
  reachesNode.set(f, undefined); // a cycle (there are none) would end here
  let chain: string | undefined;
  for (const t of imports.get(f) ?? []) {
    if (t.startsWith('node:')) chain = `${f} → ${t}`;
    else if (text.has(t)) {
      const below = nodeChain(t);
      if (below) chain = `${f} → ${below}`;
    }
    if (chain) break;
  }
  reachesNode.set(f, chain);
  return chain;
}

test('the editor and the main library entry reach no Node built-in (they run in the browser)', () => {
  assert.ok(nodeChain('src/node.ts'), 'the check sees node: imports');
  const browser = files.filter((f) => inside(f, 'src/editor') || f === 'src/index.ts');
  assert.deepEqual(browser.map(nodeChain).filter(Boolean), []);
});
