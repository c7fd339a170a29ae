import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as tf from '@tensorflow/tfjs-core';
import { compileGraph } from '../../src/compile/compile';
import { fusedLoss } from '../../src/compile/fused/op';
import { type FusedLoss, fusedLossText, planFusedLoss } from '../../src/compile/fused/plan';
import { FusedLossRunner } from '../../src/compile/fused/run';
import { createModel } from '../../src/compile/model';
import type { Plan } from '../../src/compile/plan';
import type { GraphDocument } from '../../src/graph';
import { dataConfig, generateDataset } from '../../src/physics/dataset';
import { fileResolver, readGraphFile } from '../../src/runs/graphFiles';
import { datasetSplit } from '../../src/train/data';
import { batchOf, hostBatch, type PackedData } from '../../src/train/pack';
import { createRng } from '../../src/util/random';
import { randomLossGraph } from '../support/randomLossGraph';

/**
 * The fused loss network against the graph's own tfjs ops (the reference): the same terms, the
 * same gradients (tfjs autodiff of the reference, and central finite differences of the fused
 * forward pass in float64), on every figure and stage graph and on seeded random loss graphs.
 */
const config = dataConfig({ count: 40, seed: 5 });
const T = config.samples;
const J = config.maxJumps;
const shape = { samples: T, maxJumps: J };
const split = datasetSplit(generateDataset(config));
const rows = [0, 3, 5, 8, 13, 21];
const B = rows.length;

function compile(doc: GraphDocument, file: string, predictionsFromData = false): Plan {
  const r = compileGraph(doc, { file, resolve: fileResolver, data: shape, predictionsFromData });
  if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('\n'));
  return r.plan;
}

/** fig. 3–5 are sub-graphs: wire them to the main net and the data ports, with one Loss. */
function harness(file: string): GraphDocument {
  const { doc } = readGraphFile(file);
  const inputs = doc.nodes.filter((n) => n.type === 'Input').map((n) => String(n.params.name));
  const output = String(doc.nodes.find((n) => n.type === 'Output')!.params.name);
  const at = { x: 0, y: 0 };
  const nodes: GraphDocument['nodes'] = [
    { id: 'features', type: 'Features', params: {}, position: at },
    { id: 'main', type: 'Subgraph', params: { graph: 'fig2-main.json' }, position: at },
    { id: 'pred', type: 'Output', params: { name: 'Predictions' }, position: at },
    { id: 'sub', type: 'Subgraph', params: { graph: file.split('/').pop()! }, position: at },
    { id: 'loss', type: 'Loss', params: { name: output }, position: at },
    ...inputs.filter((i) => i !== 'Predictions').map((i) => ({ id: `d${i}`, type: i, params: {}, position: at })),
  ];
  const connections = [
    { from: { node: 'features', socket: 'out' }, to: { node: 'main', socket: 'Features' } },
    { from: { node: 'main', socket: 'Predictions' }, to: { node: 'pred', socket: 'in' } },
    { from: { node: 'main', socket: 'Predictions' }, to: { node: 'sub', socket: 'Predictions' } },
    { from: { node: 'sub', socket: output }, to: { node: 'loss', socket: 'value' } },
    ...inputs.filter((i) => i !== 'Predictions').map((i) => ({ from: { node: `d${i}`, socket: 'out' }, to: { node: 'sub', socket: i } })),
  ];
  return { ...doc, name: `harness for ${file}`, nodes, connections };
}

const near = (got: number, want: number, what: string, rel = 2e-5) =>
  assert.ok(
    Math.abs(got - want) <= rel * Math.max(1, Math.abs(want)) || (Number.isNaN(got) && Number.isNaN(want)),
    `${what}: fused ${got}, reference ${want}`,
  );

function nearArrays(got: ArrayLike<number>, want: ArrayLike<number>, what: string, rel = 1e-4) {
  assert.equal(got.length, want.length, `${what}: length`);
  let scale = 0;
  for (let i = 0; i < want.length; i++) scale = Math.max(scale, Math.abs(want[i]));
  for (let i = 0; i < want.length; i++) {
    assert.ok(
      Math.abs(got[i] - want[i]) <= rel * Math.max(scale, 1e-3),
      `${what}[${i}]: fused ${got[i]}, reference ${want[i]} (scale ${scale})`,
    );
  }
}

function fusedNet(plan: Plan): FusedLoss {
  const lp = planFusedLoss(plan);
  assert.ok(lp.fused, `not fused: ${lp.fused ? '' : lp.reason}`);
  return lp.net;
}

/**
 * One graph: the loss part fed the same predictions p both ways. Reference: the graph compiled
 * to score given predictions, differentiated by tfjs. Fused: the op on p; and finite differences.
 */
function checkLossPart(doc: GraphDocument, file: string, data: PackedData, seed: number) {
  const plan = compile(doc, file);
  const net = fusedNet(plan);
  assert.equal(net.boundary.length, 1, 'the loss part reads the main net through Predictions only');
  const runner = new FusedLossRunner(net);
  const refPlan = compile(doc, file, true);
  const ref = createModel(refPlan, { seed: 1, loss: 'reference' });
  const rng = createRng(seed, 'predictions');
  const p = Float32Array.from({ length: B * T }, () => rng.normal());
  const pt = tf.tensor2d(p, [B, T]);
  const names = plan.losses.map((l) => l.name);

  const refBatch = batchOf({ ...data, predictions: p.length === B * T ? spread(p, data.count) : undefined }, rows, refPlan.fields);
  let refTerms: number[] = [];
  const refGrad = tf.grad((x: tf.Tensor) => {
    const ev = ref.evaluate({ ...refBatch, Predictions: x });
    refTerms = [...names.map((n) => ev.terms[n].dataSync()[0]), ...names.map((n) => ev.weighted[n].dataSync()[0])];
    return ev.total;
  })(pt);
  const host = hostBatch(data, rows, net.fields);
  let fusedTerms: number[] = [];
  const fusedGrad = tf.grad((x: tf.Tensor) => {
    const r = fusedLoss(runner, B, [x], host);
    fusedTerms = [...names.map((n) => r.values.terms[n]), ...names.map((n) => r.values.weighted[n])];
    return r.total;
  })(pt);
  fusedTerms.forEach((v, i) => near(v, refTerms[i], `${file}: ${i < names.length ? 'term' : 'weighted'} ${names[i % names.length]}`));
  nearArrays(fusedGrad.dataSync(), refGrad.dataSync(), `${file}: dTotal/dPredictions`);

  // Central differences of the fused forward pass in float64, at a few entries.
  const p64 = Float64Array.from(p);
  const total = (x: Float64Array) => {
    const tape = runner.forward(B, [x], host);
    tape.release();
    return tape.values.total;
  };
  const tape = runner.forward(B, [p64], host);
  const [g] = tape.backward(1);
  const h = 1e-6;
  for (let k = 0; k < 12; k++) {
    const i = rng.int(B * T);
    const up = Float64Array.from(p64);
    up[i] += h;
    const down = Float64Array.from(p64);
    down[i] -= h;
    const fd = (total(up) - total(down)) / (2 * h);
    assert.ok(Math.abs(fd - g[i]) <= 1e-4 * Math.max(1, Math.abs(fd)), `${file}: finite difference at ${i}: ${fd}, backward ${g[i]}`);
  }
  tf.dispose([pt, refGrad, fusedGrad, ...Object.values(refBatch)]);
  ref.dispose();
}

/** Predictions for every row of the split, the chosen rows' being p. */
function spread(p: Float32Array, count: number): Float32Array {
  const all = new Float32Array(count * T);
  rows.forEach((r, i) => all.set(p.subarray(i * T, (i + 1) * T), r * T));
  return all;
}

const figures = ['graphs/fig3-initial-condition.json', 'graphs/fig4-direct-effect.json', 'graphs/fig5-healing.json'];
const stages = [
  'graphs/fig6-global.json',
  'graphs/stage-me.json',
  'graphs/stage-me-ics.json',
  'graphs/stage-me-ics-de.json',
  'graphs/stage-me-ics-de-h.json',
];

for (const file of figures) {
  test(`fused loss equals the reference on ${file} (values, autodiff, finite differences)`, () => {
    checkLossPart(harness(file), file, split.train, 1);
  });
}

for (const file of stages) {
  test(`fused loss equals the reference on ${file} (values, autodiff, finite differences)`, () => {
    checkLossPart(readGraphFile(file).doc, file, split.train, 2);
  });

  test(`${file}: the runtime's objective equals the reference's, weights' gradients through the fused GRU included`, () => {
    const plan = compile(readGraphFile(file).doc, file);
    const fused = createModel(plan, { seed: 3 });
    const reference = createModel(plan, { seed: 3, loss: 'reference' });
    assert.ok(fused.loss.fused);
    const vars = (m: typeof fused) => [...m.variables.values()];
    let values: number[] = [];
    const a = tf.variableGrads(() => {
      const o = fused.objective(B, hostBatch(split.train, rows, plan.fields));
      values = o.values();
      return o.total;
    }, vars(fused));
    const batch = batchOf(split.train, rows, plan.fields);
    let want: number[] = [];
    const b = tf.variableGrads(() => {
      const ev = reference.evaluate(batch);
      want = [...plan.losses.map((l) => ev.terms[l.name].dataSync()[0]), ev.total.dataSync()[0]];
      return ev.total;
    }, vars(reference));
    values.forEach((v, i) => near(v, want[i], `value ${i}`));
    const ga = Object.values(a.grads);
    const gb = Object.values(b.grads);
    ga.forEach((g, i) => nearArrays(g.dataSync(), gb[i].dataSync(), `gradient ${i}`));
    tf.dispose([a.value, b.value, ...ga, ...gb, ...Object.values(batch)]);
    fused.dispose();
    reference.dispose();
  });
}

test('randomly wired loss graphs from the block catalogue: fused equals the reference', () => {
  for (let g = 0; g < 30; g++) {
    const doc = randomLossGraph(createRng(1000 + g, 'graph'), T, J);
    checkLossPart(doc, `graphs/random-${g}.json`, split.train, g);
  }
});

test('a graph whose loss part has weights runs as tfjs ops, and says why', () => {
  const doc = harness('graphs/fig3-initial-condition.json');
  doc.nodes.push({ id: 'lin', type: 'Linear', params: { units: 1 }, position: { x: 0, y: 0 } });
  doc.nodes.push({ id: 'extra', type: 'Loss', params: { name: 'X' }, position: { x: 0, y: 0 } });
  doc.nodes.push({ id: 'mean', type: 'Mean', params: {}, position: { x: 0, y: 0 } });
  doc.connections.push({ from: { node: 'main', socket: 'Predictions' }, to: { node: 'lin', socket: 'x' } });
  doc.connections.push({ from: { node: 'lin', socket: 'out' }, to: { node: 'mean', socket: 'x' } });
  doc.connections.push({ from: { node: 'mean', socket: 'out' }, to: { node: 'extra', socket: 'value' } });
  const plan = compile(doc, 'graphs/weighted-loss.json');
  const lp = planFusedLoss(plan);
  assert.deepEqual(lp, { fused: false, reason: "Linear 'lin' has weights in the loss part" });
  const main = compile(readGraphFile('graphs/fig2-main.json').doc, 'graphs/fig2-main.json');
  assert.deepEqual(planFusedLoss(main), { fused: false, reason: 'the graph has no Loss block' });
  // and the runtime's objective still works, through the reference
  const model = createModel(plan, { seed: 1 });
  const v = tf.tidy(() => model.objective(B, hostBatch(split.train, rows, plan.fields)).values());
  assert.equal(v.length, 3);
  assert.ok(v.every(Number.isFinite));
  model.dispose();
});

test('the fused plan of fig. 6 reads as one line per step, the main net entering once', () => {
  const text = fusedLossText(fusedNet(compile(readGraphFile('graphs/fig6-global.json').doc, 'graphs/fig6-global.json')));
  const lines = text.split('\n');
  assert.equal(lines.filter((l) => l.includes('= main net ')).length, 1, text);
  assert.ok(lines.includes('s15 = main net main/predictions.out [100]'), text);
  assert.ok(
    lines.some((l) => /^s\d+ = MS\(a: s15, b: s\d+\) {3}# ms$/.test(l)),
    text,
  );
  // data ports carry no gradient; every step on the way from Predictions to a Loss does
  assert.ok(
    lines.some((l) => /= Targets\(\) {3}\(no gradient\)/.test(l)),
    text,
  );
  assert.deepEqual(
    lines.filter((l) => l.startsWith('loss ')).map((l) => l.split(' ')[1]),
    ['ME', 'ICs', 'DE', 'H'],
  );
});
