import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { resolveDataConfig } from '../../src/graph/types';
import { dataConfig, generateDataset } from '../../src/physics/dataset';
import { datasetJsonChunks } from '../../src/physics/datasetFile';
import { type FileTypes, fileFormats } from '../../src/runs/fileFormats';
import { readVersioned } from '../../src/util/versionedFile';

// One sample of every format's TypeScript type, with every optional field: the compiler checks
// each against its type (no field the type lacks, none of the wrong type), the tests below check
// it against the schema.
const tensor = { shape: [2], values: [0.5, -1] };
const losses = { ME: 0.5, total: 0.5 };
const epoch = { epoch: 1, step: 4, train: losses, test: losses, testErrorPercent: 12.5, learningRate: 1e-3, numTensors: 40 };
const swap = { epoch: 1, step: 2, note: 'beta.factor 0.1 → 0.2' };
const rows = { epochs: [epoch], timings: [{ epoch: 1, seconds: 2 }], swaps: [swap] };
const settings = resolveDataConfig({ count: 60, seed: 2, rule: 'equal-slip' });
const ds = generateDataset(dataConfig({ count: 4, seed: 1 }));

const samples: FileTypes = {
  metrics: {
    format: 'slidegraph/metrics',
    version: 1,
    graph: 'stage-me',
    status: 'error',
    ...rows,
    totalSeconds: 3,
    model: 'tf.LayersModel',
    error: { epoch: 2, step: 7, term: 'ME', message: 'NaN loss' },
  },
  evaluation: {
    format: 'slidegraph/evaluation',
    version: 1,
    epoch: 1,
    errorsPercent: [3.5, null],
    histogram: { edges: [0, 2], counts: [1] },
  },
  run: {
    format: 'slidegraph/run',
    version: 1,
    graphFile: 'graphs/stage-me.json',
    point: 'beta.factor=0.2/seed-1',
    set: { 'beta.factor': 0.2 },
    init: 'runs/me',
    startedAt: '2026-12-07T04:00:00.000Z',
    resumedAt: '2026-12-07T04:01:00.000Z',
    finishedAt: '2026-12-07T04:02:00.000Z',
    versions: { slidegraph: '0.1.0', tfjs: '4.22.0', node: 'v20.0.0', backend: 'cpu' },
    dataset: { sha256: 'a'.repeat(64), count: 60, train: 48, test: 12, seed: 2, rule: 'equal-slip', file: 'data.json', settings },
  },
  checkpoint: {
    format: 'slidegraph/checkpoint',
    version: 1,
    epoch: 1,
    step: 4,
    weights: { 'gru/kernel': tensor },
    optimizer: { step: 4, m: { 'gru/kernel': tensor }, v: { 'gru/kernel': tensor } },
    metrics: rows,
  },
  weights: { format: 'slidegraph/weights', version: 1, weights: { 'gru/kernel': tensor } },
  points: {
    format: 'slidegraph/sweep-points',
    version: 1,
    sweep: 'sweeps/beta.json',
    graph: '/abs/graphs/stage-me.json',
    parameters: ['beta.factor'],
    points: [
      {
        name: 'beta.factor=0.2/seed-1',
        dir: 'runs/beta.factor=0.2/seed-1',
        graph: '/abs/graphs/stage-me.json',
        patches: [{ data: { count: 60 }, training: { epochs: 2 }, init: 'runs/me' }],
        set: [['beta.factor', 0.2]],
        after: [0],
        values: { 'beta.factor': 0.2 },
        seed: 1,
        setting: 0,
      },
    ],
  },
  predictions: {
    format: 'slidegraph/predictions',
    version: 1,
    run: 'runs/me',
    data: 'data.json',
    datasetSha256: 'b'.repeat(64),
    samples: 2,
    dmuCh: 0.01,
    sequences: [{ index: 0, split: 'test', muStart: 0.6, normalized: [0, 1], mu: [0.6, 0.61], testErrorPercent: null }],
  },
  dataset: withExtra(JSON.parse([...datasetJsonChunks(ds)].join(''))),
};

/** The dataset sample with a measured channel (`import --extra`), the one optional field a generated dataset lacks. */
function withExtra<D extends { config: Record<string, unknown>; sequences: Record<string, unknown>[] }>(doc: D): D {
  doc.config.extra = ['sigma_n'];
  for (const s of doc.sequences) s.extra = { sigma_n: Array.from({ length: doc.config.samples as number }, () => 5e6) };
  return doc;
}

type Schema = { $ref?: string; properties?: Record<string, Schema>; items?: Schema; additionalProperties?: Schema | boolean };
const schemaFile = (name: string) => JSON.parse(readFileSync(`schema/${name}.schema.json`, 'utf8')) as Schema & Record<string, unknown>;

/** Every property the schema declares, as paths, that the sample lacks (local and sibling-file $refs followed). */
function undeclaredInSample(schema: Schema, value: unknown, root: Record<string, unknown>, path: string, out: string[]): void {
  if (schema.$ref) {
    const [file, pointer = ''] = schema.$ref.split('#');
    const base = file ? schemaFile(file.replace(/\.schema\.json$/, '')) : root;
    const target = pointer
      .split('/')
      .filter(Boolean)
      .reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], base) as Schema;
    return undeclaredInSample(target, value, base, path, out);
  }
  if (typeof value !== 'object' || value === null) return;
  if (Array.isArray(value)) {
    if (schema.items && value.length) undeclaredInSample(schema.items, value[0], root, `${path}[0]`, out);
    return;
  }
  const v = value as Record<string, unknown>;
  for (const [key, sub] of Object.entries(schema.properties ?? {})) {
    if (key === '$schema') continue;
    if (!(key in v)) out.push(`${path}${key}`);
    else undeclaredInSample(sub, v[key], root, `${path}${key}.`, out);
  }
  const extra = schema.additionalProperties;
  if (typeof extra === 'object') for (const [key, sub] of Object.entries(v)) undeclaredInSample(extra, sub, root, `${path}${key}.`, out);
}

for (const name of Object.keys(fileFormats) as (keyof FileTypes)[]) {
  test(`${name}: its schema accepts the typed sample, and declares no field the type lacks`, () => {
    const f = fileFormats[name];
    const sample = samples[name] as unknown as Record<string, unknown>;
    assert.equal(sample.format, f.format);
    assert.equal(sample.version, f.version, 'the type is of the current version');
    assert.equal(f.migrations.length > 0 ? f.migrations[f.migrations.length - 1].from : f.version - 1, f.version - 1);
    assert.doesNotThrow(() => readVersioned(sample, `${name}.json`, f));
    const missing: string[] = [];
    const schema = schemaFile(name);
    undeclaredInSample(schema, sample, schema, '', missing);
    assert.deepEqual(missing, [], `schema/${name}.schema.json declares fields the ${name} type (and its sample) lacks`);
  });
}

test('a field the type lacks is found (the check can fail)', () => {
  const missing: string[] = [];
  const schema = schemaFile('run');
  const { point: _p, ...withoutPoint } = samples.run;
  undeclaredInSample(schema, withoutPoint, schema, '', missing);
  assert.deepEqual(missing, ['point']);
});
