import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { cli } from '../support/cli';

const dir = mkdtempSync(join(tmpdir(), 'sg-import-extra-'));

// Two experiments (a sequence column), each a step ×10 at t = 40 s, with a normal stress in MPa
// and a layer thickness in µm that change linearly in time, so their values at the samples are
// known in closed form: σn = (10 + 0.01 t + j) MPa, h = (500 − 0.5 t) µm.
const record = join(dir, 'record.csv');
let text = 'sequence,Time(s),V [um/s],Friction,sigma_n(MPa),thickness [um],temperature (degC),Targets\n';
for (const j of [0, 1])
  for (let i = 0; i <= 80; i++) text += `e${j},${i},${i < 40 ? 1 : 10},${0.6 + 0.001 * j},${10 + 0.01 * i + j},${500 - 0.5 * i},21,0\n`;
writeFileSync(record, text);

test('import --extra keeps measured channels as extra fields in SI, and a graph reads one through an Input', () => {
  const out = join(dir, 'extra.json');
  const r = cli('import', record, '--out', out, '--samples', '21', '--extra', 'sigma_n,thickness');
  assert.equal(r.code, 0, r.stderr);
  const ds = JSON.parse(readFileSync(out, 'utf8'));
  assert.deepEqual(ds.config.extra, ['sigma_n', 'thickness']);
  const t = Array.from({ length: 21 }, (_, i) => i * 4);
  ds.sequences.forEach((s: { extra: Record<string, number[]>; protocol: { source: string } }) => {
    const j = s.protocol.source.endsWith('#e1') ? 1 : 0;
    assert.deepEqual(Object.keys(s.extra), ['sigma_n', 'thickness']);
    s.extra.sigma_n.forEach((v, i) => assert.ok(Math.abs(v - (10 + 0.01 * t[i] + j) * 1e6) < 1e-6, `σn[${i}] = ${v}`));
    s.extra.thickness.forEach((v, i) => assert.ok(Math.abs(v - (500 - 0.5 * t[i]) * 1e-6) < 1e-15, `h[${i}] = ${v}`));
  });

  // A loss graph that reads `thickness` by name: MS(Predictions, thickness) with zero predictions
  // is the mean of h² over samples and sequences.
  const graph = join(dir, 'thickness.json');
  writeFileSync(
    graph,
    JSON.stringify({
      format: 'slidegraph/graph',
      version: 1,
      name: 'thickness',
      nodes: [
        { id: 'p', type: 'Predictions', params: {}, position: { x: 0, y: 0 } },
        { id: 'h', type: 'Input', params: { name: 'thickness', kind: 'sequence' }, position: { x: 0, y: 100 } },
        { id: 'ms', type: 'MS', params: {}, position: { x: 200, y: 0 } },
        { id: 'loss', type: 'Loss', params: { name: 'H2' }, position: { x: 400, y: 0 } },
      ],
      connections: [
        { from: { node: 'p', socket: 'out' }, to: { node: 'ms', socket: 'a' } },
        { from: { node: 'h', socket: 'out' }, to: { node: 'ms', socket: 'b' } },
        { from: { node: 'ms', socket: 'out' }, to: { node: 'loss', socket: 'value' } },
      ],
    }),
  );
  const pred = join(dir, 'zeros.json');
  writeFileSync(pred, JSON.stringify([Array(21).fill(0), Array(21).fill(0)]));
  const scored = cli('losses', graph, '--data', out, '--predictions', pred);
  assert.equal(scored.code, 0, scored.stderr);
  const want = t.reduce((s, x) => s + ((500 - 0.5 * x) * 1e-6) ** 2, 0) / t.length;
  const got = JSON.parse(scored.stdout).terms.H2;
  assert.ok(Math.abs(got - want) < 1e-6 * want, `mean h² ${got}, want ${want}`);

  // A file whose sequence lacks a channel config.extra names is refused, naming the entry.
  delete ds.sequences[1].extra.thickness;
  const torn = join(dir, 'torn.json');
  writeFileSync(torn, JSON.stringify(ds));
  const tornRun = cli('losses', graph, '--data', torn, '--predictions', pred);
  assert.equal(tornRun.code, 2, tornRun.stderr);
  assert.ok(tornRun.stderr.includes('sequences[1].extra.thickness'), tornRun.stderr);

  // A graph that names a channel the dataset lacks does not compile against it.
  const plain = join(dir, 'plain.json');
  assert.equal(cli('import', record, '--out', plain, '--samples', '21').code, 0);
  const refused = cli('losses', graph, '--data', plain, '--predictions', pred);
  assert.notEqual(refused.code, 0);
  assert.ok(refused.stderr.includes('thickness'), refused.stderr);
});

test('datasets without --extra carry no extra key; an unknown or unconvertible extra column is refused, naming it', () => {
  const plain = join(dir, 'plain2.json');
  assert.equal(cli('import', record, '--out', plain, '--samples', '21').code, 0);
  const raw = readFileSync(plain, 'utf8');
  assert.ok(!raw.includes('"extra"'), 'no extra key at all');
  for (const [extra, part] of [
    ['pore_pressure', 'column pore_pressure'],
    ['temperature', 'column temperature (degC)'],
    ['Targets', '--extra: Targets is already a dataset field'],
  ] as const) {
    const r = cli('import', record, '--out', join(dir, 'never.json'), '--extra', extra);
    assert.equal(r.code, 2, r.stderr);
    assert.equal(r.stderr.trimEnd().split('\n').length, 1, r.stderr);
    assert.ok(r.stderr.includes(part), r.stderr);
  }
});
