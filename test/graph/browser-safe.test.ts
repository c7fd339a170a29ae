import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import { build } from 'esbuild';

/** src/graph runs in the editor too: no Node built-ins, and it must bundle for the browser. */
const srcDir = new URL('../../src/graph/', import.meta.url);

test('src/graph imports no Node-only modules', () => {
  const files = readdirSync(srcDir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'));
  assert.ok(files.length > 5);
  for (const f of files) {
    const imports = [...readFileSync(new URL(f, srcDir), 'utf8').matchAll(/from\s+'([^']+)'/g)].map((m) => m[1]!);
    const foreign = imports.filter((s) => !s.startsWith('.') && s !== 'ajv');
    assert.deepEqual(foreign, [], `${f} imports ${foreign.join(', ')}`);
  }
});

test('bundles for the browser and loads a graph there (ajv CommonJS interop included)', async () => {
  const out = await build({
    entryPoints: [new URL('index.ts', srcDir).pathname],
    bundle: true,
    platform: 'browser',
    format: 'esm',
    write: false,
    logLevel: 'silent',
  });
  const code = out.outputFiles[0]!.text;
  const mod = await import(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`);
  const doc = { format: 'slidegraph/graph', version: 1, name: 'b', nodes: [], connections: [] };
  assert.deepEqual(mod.loadGraph(JSON.stringify(doc), 'b.json'), { ok: true, doc });
  const bad = mod.loadGraph('{"format": "slidegraph/graph", "version": 1, "name": 3, "nodes": [], "connections": []}', 'b.json');
  assert.equal(bad.errors[0].message, 'b.json: name: must be a string (got 3)');
});
