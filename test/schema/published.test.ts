import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import Ajv from 'ajv';
import { generated, generatedCode, schemaText } from '../../scripts/schemas';
import { GRAPH_SCHEMA } from '../../src/graph/schema';
import { dataConfig, generateDataset } from '../../src/physics/dataset';
import { datasetJsonChunks } from '../../src/physics/datasetFile';
import { cli } from '../support/cli';

const AjvCtor = ((Ajv as unknown as { default?: typeof Ajv }).default ?? Ajv) as typeof Ajv;
const read = (file: string) => JSON.parse(readFileSync(file, 'utf8'));
const schemaFiles = readdirSync('schema').filter((f) => f.endsWith('.schema.json'));

function validator() {
  const ajv = new AjvCtor({ allErrors: true, strict: true, allowUnionTypes: true });
  for (const f of schemaFiles) ajv.addSchema(read(join('schema', f)), f);
  return (name: string, value: unknown) => {
    const validate = ajv.getSchema(name)!;
    return validate(value) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
  };
}

test('the generated schemas are committed as generated (run `npm run schemas` after changing blocks or fields)', () => {
  for (const [file, make] of Object.entries(generated)) assert.equal(readFileSync(file, 'utf8'), schemaText(make()), `${file} is stale`);
});

test('the graph validator compiled ahead of time matches the schema (run `npm run schemas` after changing it)', () => {
  for (const [file, make] of Object.entries(generatedCode)) assert.equal(readFileSync(file, 'utf8'), make(), `${file} is stale`);
});

test('every schema is a valid draft-07 schema under strict ajv', () => {
  const check = validator();
  assert.ok(schemaFiles.length >= 8, schemaFiles.join(', '));
  for (const f of schemaFiles) assert.doesNotThrow(() => check(f, {}), f);
  assert.equal(check('graph.schema.json', read('graphs/fig2-main.json')).length, 0);
});

test('every shipped graph names the published schema and satisfies it', () => {
  const check = validator();
  for (const f of readdirSync('graphs').filter((n) => n.endsWith('.json'))) {
    const doc = read(join('graphs', f));
    assert.equal(doc.$schema, '../schema/graph.schema.json', `graphs/${f} names the schema`);
    assert.deepEqual(check('graph.schema.json', doc), [], `graphs/${f}`);
  }
});

test("the published graph schema knows each block's parameters, which the loader's document schema leaves to the compiler", () => {
  const check = validator();
  const doc = read('graphs/fig2-main.json');
  const gru = doc.nodes.find((n: { type: string }) => n.type === 'GRU');
  gru.params.units = 0;
  assert.ok(check('graph.schema.json', doc).some((e) => /units must be >= 1/.test(e)));
  gru.params = { width: 3 };
  assert.ok(check('graph.schema.json', doc).some((e) => /must NOT have additional properties/.test(e)));
  gru.params = {};
  gru.type = 'Gru';
  assert.notDeepEqual(check('graph.schema.json', doc), []);
  // The loader's own schema accepts these: its errors for blocks come from the compiler, which names the node.
  const base = new AjvCtor({ strict: true, allowUnionTypes: true }).compile(GRAPH_SCHEMA);
  assert.equal(base(doc), true);
});

test('the files Slidegraph writes satisfy their schemas: dataset, weights, checkpoint, run.json, metrics.json', () => {
  const check = validator();
  const ds = JSON.parse([...datasetJsonChunks(generateDataset(dataConfig({ count: 6, seed: 2 })))].join(''));
  assert.deepEqual(check('dataset.schema.json', ds), []);
  delete ds.sequences[1].Nh;
  assert.ok(check('dataset.schema.json', ds).some((e) => /Nh/.test(e)));

  const out = join(mkdtempSync(join(tmpdir(), 'sg-schema-')), 'run');
  const r = cli('train', 'graphs/fig6-global.json', '--count', '20', '--epochs', '1', '--seed', '1', '--backend', 'cpu', '--out', out);
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(check('weights.schema.json', read(join(out, 'weights.json'))), []);
  assert.deepEqual(check('run.schema.json', read(join(out, 'run.json'))), []);
  assert.deepEqual(check('metrics.schema.json', read(join(out, 'metrics.json'))), []);
  const checkpoints = readdirSync(join(out, 'checkpoints'));
  assert.ok(checkpoints.length > 0);
  assert.deepEqual(check('checkpoint.schema.json', read(join(out, 'checkpoints', checkpoints[0]))), []);
  assert.deepEqual(check('protocol.schema.json', read('test/fixtures/protocols/slide-hold-slide.json')), []);
  assert.deepEqual(check('protocol.schema.json', read('test/fixtures/protocols/spring-slider.json')), []);
  const badWeights = read(join(out, 'weights.json'));
  badWeights.format = 'slidegraph/weight';
  assert.ok(check('weights.schema.json', badWeights).length > 0);
});
