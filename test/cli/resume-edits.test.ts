// --resume of a live-edited run (run.edits): the epoch retrained from the checkpoint must train
// the graph that was in force at the checkpoint, and apply the later edits at their own steps.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { type GraphDocument, serializeGraph } from '../../src/graph';
import { diffGraph } from '../../src/graph/patch';
import { cliWith } from '../support/faults';

const tmp = mkdtempSync(join(tmpdir(), 'sg-resume-edits-'));
const json = (path: string) => JSON.parse(readFileSync(path, 'utf8'));
const fig6: GraphDocument = json('graphs/fig6-global.json');
// 40 sequences, a fifth for test: 32 train, two steps an epoch.
const run = {
  data: { count: 40, seed: 3, rule: 'equal-slip' as const, testFraction: 0.2 },
  training: { epochs: 3, batchSize: 16, learningRate: 1e-3, optimizer: 'adam' as const, seed: 3 },
};
// The DE term unplugged after step 1 (epoch 1), then beta 0.1 → 0.3 after step 3 (mid-epoch 2).
const unplugged: GraphDocument = { ...fig6, connections: fig6.connections.filter((c) => c.to.node !== 'lossDE') };
const afterBeta: GraphDocument = {
  ...unplugged,
  nodes: unplugged.nodes.map((n) => (n.id === 'beta' ? { ...n, params: { ...n.params, factor: 0.3 } } : n)),
};
const edits = [
  { epoch: 1, step: 1, note: 'disconnect (term DE left out)', patch: diffGraph(fig6, unplugged) },
  { epoch: 2, step: 3, note: 'set beta.factor = 0.3', patch: diffGraph(unplugged, afterBeta) },
];
for (const f of ['fig2-main.json', 'fig3-initial-condition.json', 'fig4-direct-effect.json', 'fig5-healing.json'])
  writeFileSync(join(tmp, f), readFileSync(join('graphs', f)));
const graph = join(tmp, 'edited.json');
writeFileSync(graph, serializeGraph({ ...afterBeta, run: { ...run, edits } }));

const train = (out: string, env: Record<string, string> = {}) => cliWith(env, 'train', graph, '--backend', 'cpu', '--out', out);
const whole = join(tmp, 'whole');
const reference = train(whole);

test('the uninterrupted edited run replays both edits', () => {
  assert.equal(reference.code, 0, reference.stderr);
  const m = json(join(whole, 'metrics.json'));
  assert.deepEqual(
    m.swaps.map((s: { step: number }) => s.step),
    [1, 3],
  );
  // Epoch 1 averages its first step, with DE, and its second, without; epoch 2 on trains without it.
  assert.ok('DE' in m.epochs[0].train);
  assert.ok(!('DE' in m.epochs[1].train) && !('DE' in m.epochs[2].train));
});

/** Killed while checkpoint `epoch` was written, then resumed: the same run, epoch by epoch. */
for (const [killedAt, why] of [
  [2, 'epoch 2 is retrained from epoch 1: the unplugged DE term stays out and beta changes again after step 3'],
  [3, 'epoch 3 is retrained from epoch 2: both edits are already in force'],
] as const)
  test(`--resume of a run with run.edits killed in epoch ${killedAt}: ${why}`, () => {
    const dir = join(tmp, `killed-${killedAt}`);
    const killed = train(dir, { SLIDEGRAPH_FAULT: `during-write:epoch-000${killedAt}.json` });
    assert.equal(killed.signal, 'SIGKILL', killed.stderr);
    const resumed = cliWith({}, 'train', '--resume', dir, '--backend', 'cpu');
    assert.equal(resumed.code, 0, resumed.stderr);
    const a = json(join(dir, 'metrics.json'));
    const b = json(join(whole, 'metrics.json'));
    assert.equal(a.status, 'done');
    assert.equal(a.epochs.length, 3);
    // Same seed, same steps, same graphs: the numbers agree to the last digit, and so do the weights.
    a.epochs.forEach((e: unknown, i: number) => assert.deepEqual(e, b.epochs[i], `epoch ${i + 1}`));
    assert.deepEqual(a.swaps, b.swaps, 'each edit is recorded once, where it took effect');
    assert.deepEqual(json(join(dir, 'weights.json')), json(join(whole, 'weights.json')));
  });

// An edit that changes weight shapes (the main net's GRU 32 → 16 units): the checkpoint after it
// fits only the edited graph, so --resume must check it, and load it, against that graph.
test('--resume after an edit that changed the weight shapes loads the checkpoint into the edited graph', () => {
  const dir = join(tmp, 'units');
  mkdirSync(dir);
  const stage: GraphDocument = json('graphs/stage-me.json');
  const main: GraphDocument = json('graphs/fig2-main.json');
  const narrow = { ...main, nodes: main.nodes.map((n) => (n.id === 'gru' ? { ...n, params: { ...n.params, units: 16 } } : n)) };
  writeFileSync(join(dir, 'fig2-main.json'), readFileSync('graphs/fig2-main.json'));
  writeFileSync(join(dir, 'narrow-main.json'), serializeGraph(narrow));
  const edited = { ...stage, nodes: stage.nodes.map((n) => (n.id === 'main' ? { ...n, params: { graph: 'narrow-main.json' } } : n)) };
  const units = [{ epoch: 1, step: 1, note: 'set main.graph = narrow-main.json', patch: diffGraph(stage, edited) }];
  const file = join(dir, 'units.json');
  writeFileSync(file, serializeGraph({ ...edited, run: { ...run, training: { ...run.training, epochs: 2 }, edits: units } }));
  const go = (out: string, env: Record<string, string> = {}) => cliWith(env, 'train', file, '--backend', 'cpu', '--out', out);
  const ref = go(join(dir, 'whole'));
  assert.equal(ref.code, 0, ref.stderr);
  const killed = go(join(dir, 'killed'), { SLIDEGRAPH_FAULT: 'during-write:epoch-0002.json' });
  assert.equal(killed.signal, 'SIGKILL', killed.stderr);
  const resumed = cliWith({}, 'train', '--resume', join(dir, 'killed'), '--backend', 'cpu');
  assert.equal(resumed.code, 0, resumed.stderr);
  const [a, b] = ['killed', 'whole'].map((d) => json(join(dir, d, 'metrics.json')));
  assert.deepEqual(a.epochs, b.epochs);
  assert.deepEqual(a.swaps, b.swaps);
  const weights = json(join(dir, 'killed', 'weights.json'));
  assert.deepEqual(weights, json(join(dir, 'whole', 'weights.json')));
  // The weights are the narrow GRU's: 16 units, three gates (the start graph's would be 32 × 96).
  assert.deepEqual(weights.weights['main/gru/recurrentKernel'].shape, [16, 48]);
});
