import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import Ajv from 'ajv';
import { GRAPH_SCHEMA, GRAPH_SCHEMA_ID, loadGraphValue } from '../../src/graph/index';
import { sampleGraph } from './sample';

const schemaFile = JSON.parse(readFileSync(new URL('../../schema/graph-base.schema.json', import.meta.url), 'utf8'));

test("the published schema (schema/graph.schema.json) is the loader's document schema plus the block types", () => {
  const published = JSON.parse(readFileSync(new URL('../../schema/graph.schema.json', import.meta.url), 'utf8'));
  assert.match(GRAPH_SCHEMA_ID, /^https:\/\//);
  assert.equal(schemaFile.$schema, 'http://json-schema.org/draft-07/schema#');
  const AjvCtor = ((Ajv as unknown as { default?: typeof Ajv }).default ?? Ajv) as typeof Ajv;
  assert.equal(new AjvCtor().validateSchema(schemaFile), true);
  assert.deepEqual(published.properties, GRAPH_SCHEMA.properties);
  assert.deepEqual(published.required, GRAPH_SCHEMA.required);
  const base = GRAPH_SCHEMA.definitions as Record<string, Record<string, unknown>>;
  for (const [name, def] of Object.entries(base)) {
    const { anyOf, ...rest } = published.definitions[name];
    assert.deepEqual(rest, def, `definitions.${name}`);
    assert.equal(anyOf === undefined, name !== 'node', `only a node lists the block types (${name})`);
  }
});

test('every field in the schema is documented for users', () => {
  const undocumented: string[] = [];
  const visit = (s: Record<string, unknown>, where: string) => {
    for (const [name, sub] of Object.entries((s.properties ?? {}) as Record<string, Record<string, unknown>>)) {
      const documented = sub.title ?? sub.description ?? (sub.$ref !== undefined || ['x', 'y'].includes(name));
      if (!documented) undocumented.push(`${where}.${name}`);
      visit(sub, `${where}.${name}`);
    }
  };
  visit(schemaFile, '');
  for (const [name, def] of Object.entries(schemaFile.definitions as Record<string, Record<string, unknown>>)) {
    if (!def.title) undocumented.push(`definitions.${name}`);
    visit(def, `definitions.${name}`);
  }
  assert.deepEqual(undocumented, []);
});

const DELETE = Symbol('delete');

/** Sets (or deletes) the value at a dotted path such as `nodes.3.params.units` in a sample graph. */
function firstError(path: string, value: unknown) {
  const doc = sampleGraph() as unknown as Record<string, unknown>;
  const keys = path.split('.');
  const last = keys.pop()!;
  const parent = keys.reduce((o, k) => o[k] as Record<string, unknown>, doc);
  if (value === DELETE) delete parent[last];
  else parent[last] = value;
  const r = loadGraphValue(doc, 'g.json');
  if (r.ok) assert.fail('expected a refusal');
  assert.equal(r.errors[0]!.code, 'schema');
  return r.errors[0]!.message;
}

test('schema errors are one line each, naming the field', () => {
  const cases: [string, unknown, string][] = [
    ['nodes.3.params.units', null, 'g.json: nodes[3].params.units: must be a number, a string or a boolean (got null)'],
    ['nodes.3.params.units', [32], 'g.json: nodes[3].params.units: must be a number, a string or a boolean (got an array)'],
    ['nodes.1.position', { x: 1 }, 'g.json: nodes[1].position.y: is required'],
    ['nodes.0.pos', 1, 'g.json: nodes[0].pos: unknown field; expected one of: id, type, params, position, label'],
    [
      'nodes.0.type',
      'gru',
      'g.json: nodes[0].type: "gru" is not a valid block type name (an upper-case letter then letters and digits, e.g. GRU)',
    ],
    [
      'nodes.0.params.bad-name',
      1,
      `g.json: nodes[0].params["bad-name"]: is not a valid name (a letter or '_' then up to 63 letters, digits or '_')`,
    ],
    [
      'connections.0.to.socket',
      'in put',
      `g.json: connections[0].to.socket: "in put" is not a valid name (a letter or '_' then up to 63 letters, digits or '_')`,
    ],
    ['name', '', 'g.json: name: must not be empty'],
    ['name', 'n'.repeat(201), 'g.json: name: must be at most 200 characters long (got 201)'],
    ['run.training.epochs', 0, 'g.json: run.training.epochs: must be >= 1 (got 0)'],
    ['run.training.batchSize', 32.5, 'g.json: run.training.batchSize: must be an integer (got 32.5)'],
    ['run.training.learningRate', 0, 'g.json: run.training.learningRate: must be > 0 (got 0)'],
    ['run.training.optimizer', 'sgd', 'g.json: run.training.optimizer: must be one of "adam" (got "sgd")'],
    ['run.data.seed', -1, 'g.json: run.data.seed: must be >= 0 (got -1)'],
    ['run.data.testFraction', 0, 'g.json: run.data.testFraction: must be > 0 (got 0)'],
    ['run.data.rule', DELETE, 'g.json: run.data.rule: is required'],
    ['run.init', '', 'g.json: run.init: must not be empty'],
    ['connections.1', 'a.out -> b.in', 'g.json: connections[1]: must be an object (got "a.out -> b.in")'],
  ];
  for (const [path, value, message] of cases) assert.equal(firstError(path, value), message);
});
