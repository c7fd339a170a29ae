import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import { GRAPH_ERROR_CODES, type GraphErrorCode, loadGraph } from '../../src/graph/index';

/*
 * The bad-input corpus: test/fixtures/bad-graphs/*.json, described by expected.json (see the
 * README there). This test owns the structural codes; registry-level entries are skipped here.
 */
const dir = new URL('../fixtures/bad-graphs/', import.meta.url);
const expected = JSON.parse(readFileSync(new URL('expected.json', dir), 'utf8')) as Record<string, { code: string; mentions?: string[] }>;
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.json') && f !== 'expected.json')
  .sort();
const structural = new Set<string>(GRAPH_ERROR_CODES);

test('every corpus file has an entry in expected.json, and every entry a file', () => {
  assert.deepEqual(
    files.filter((f) => !(f in expected)),
    [],
    'files without an entry in expected.json',
  );
  assert.deepEqual(
    Object.keys(expected).filter((f) => !files.includes(f)),
    [],
    'entries without a file',
  );
});

for (const file of files.filter((f) => structural.has(expected[f]?.code ?? ''))) {
  const { code, mentions = [] } = expected[file]!;
  test(`structural refusal: ${file} → ${code}`, () => {
    const r = loadGraph(readFileSync(new URL(file, dir), 'utf8'), file);
    assert.equal(r.ok, false, `${file} was accepted`);
    if (r.ok) return;
    const wanted = [file, ...mentions];
    const error = r.errors.find((e) => e.code === (code as GraphErrorCode) && wanted.every((m) => e.message.includes(m)));
    const got = r.errors.map((e) => `[${e.code}] ${e.message}`).join('\n  ');
    assert.ok(error, `${file}: no '${code}' error mentioning ${wanted.join(', ')}; got:\n  ${got}`);
    assert.equal(error.source, file);
    assert.ok(!error.message.includes('\n'), 'messages are one line');
  });
}

test('deep-nesting.json really is 50,000 levels deep', () => {
  const text = readFileSync(new URL('deep-nesting.json', dir), 'utf8');
  assert.ok(text.startsWith(`${'['.repeat(50_000)}]`));
});
