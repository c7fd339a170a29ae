import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { lastValueFrom, Subject, tap, toArray } from 'rxjs';
import { EditLog } from '../../src/editor/run/editLog';
import { type GraphDocument, serializeGraph } from '../../src/graph';
import { runGraphs } from '../../src/graph/patch';
import { dataConfig, generateDataset } from '../../src/physics/dataset';
import { resolveRun } from '../../src/run/runSpec';
import { compileGraphDoc } from '../../src/runs/graphFiles';
import { datasetSplit } from '../../src/train/data';
import { train } from '../../src/train/train';
import type { TrainCommand, TrainEvent } from '../../src/train/types';
import { cli } from '../support/cli';
import { assertSameEpochs } from '../support/epochs';

/**
 * A live-edited run, replayed headless. The live side is the editor's worker path: the runtime's
 * stream with swaps sent as commands while it runs (here, as given batch events arrive), and the
 * editor's EditLog turning them into `run.edits`. The saved graph then trains with
 * `slidegraph train`, which must give the live run's metrics epoch by epoch.
 */
const fig6: GraphDocument = JSON.parse(readFileSync('graphs/fig6-global.json', 'utf8'));
const run = {
  data: { count: 40, seed: 3, rule: 'equal-slip' as const, testFraction: 0.2 },
  training: { epochs: 3, batchSize: 16, learningRate: 1e-3, optimizer: 'adam' as const, seed: 3 },
};
const start: GraphDocument = { ...fig6, run };
const setFactor = (d: GraphDocument, id: string, factor: number): GraphDocument => ({
  ...d,
  nodes: d.nodes.map((n) => (n.id === id ? { ...n, params: { ...n.params, factor } } : n)),
});
// beta 0.1 → 0.3 after 3 steps, then the DE term unplugged after 5 (two steps an epoch here: 32 train sequences).
const afterBeta = setFactor(start, 'beta', 0.3);
const unplugged: GraphDocument = { ...afterBeta, connections: afterBeta.connections.filter((c) => c.to.node !== 'lossDE') };
const swaps = [
  { after: 3, doc: afterBeta, note: 'set beta.factor = 0.3' },
  { after: 5, doc: unplugged, note: 'disconnect (term DE left out)' },
];
const file = join(process.cwd(), 'graphs', 'fig6-global.json');
const compile = (d: GraphDocument) => compileGraphDoc(d, file);

test('a run edited live, saved with run.edits, trains headless to the same metrics epoch by epoch', async () => {
  await tf.setBackend('cpu');
  const resolved = resolveRun(start);
  const split = datasetSplit(generateDataset(dataConfig(resolved.data)));
  const commands = new Subject<TrainCommand>();
  const events = await lastValueFrom(
    train(compile(start), split, { ...resolved.training, commands }).pipe(
      tap((e) => {
        const s = e.type === 'batch' ? swaps.find((w) => w.after === e.step) : undefined;
        if (s) commands.next({ type: 'swap', plan: compile(s.doc), note: s.note });
      }),
      toArray(),
    ),
  );
  const live = events.filter((e): e is Extract<TrainEvent, { type: 'epoch' }> => e.type === 'epoch');
  const liveSwaps = events.filter((e): e is Extract<TrainEvent, { type: 'swap' }> => e.type === 'swap');
  assert.deepEqual(
    liveSwaps.map((s) => [s.step, s.note, s.refused]),
    [
      [3, swaps[0].note, undefined],
      [5, swaps[1].note, undefined],
    ],
  );

  // What the editor saves: the graph as it is at the end, with the run's edits.
  const log = new EditLog();
  log.begin(start);
  for (const s of swaps) log.record(s.note, s.doc);
  const edits = log.edits(liveSwaps);
  assert.deepEqual(
    edits.map((e) => [e.epoch, e.step, e.note]),
    [
      [2, 3, swaps[0].note],
      [3, 5, swaps[1].note],
    ],
  );
  const saved: GraphDocument = { ...unplugged, run: { ...run, edits } };
  // Undoing the edits from the saved graph gives back the graph the run started from.
  const graphs = runGraphs(saved);
  assert.deepEqual(graphs.start.nodes, start.nodes);
  const wires = (d: GraphDocument) => d.connections.map((c) => JSON.stringify(c)).sort();
  assert.deepEqual(wires(graphs.start), wires(start));

  const dir = mkdtempSync(join(tmpdir(), 'sg-replay-'));
  // Saved beside copies of its sub-graphs, as the editor's Save and a user's folder would have them.
  for (const f of ['fig2-main.json', 'fig3-initial-condition.json', 'fig4-direct-effect.json', 'fig5-healing.json'])
    writeFileSync(join(dir, f), readFileSync(join('graphs', f)));
  writeFileSync(join(dir, 'edited.json'), serializeGraph(saved));
  const r = cli('train', join(dir, 'edited.json'), '--backend', 'cpu', '--out', join(dir, 'run'));
  assert.equal(r.code, 0, r.stderr);
  const headless = JSON.parse(readFileSync(join(dir, 'run', 'metrics.json'), 'utf8'));
  assertSameEpochs(headless.epochs, live);
  // The run folder records the edits: graph.json carries them, metrics.json lists where they took effect.
  assert.deepEqual(JSON.parse(readFileSync(join(dir, 'run', 'graph.json'), 'utf8')).run.edits, edits);
  assert.deepEqual(
    headless.swaps,
    liveSwaps.map((s) => ({ epoch: s.epoch, step: s.step, note: s.note })),
  );
  // Without its edits the same file trains otherwise: the replay is what makes the numbers agree.
  writeFileSync(join(dir, 'final.json'), serializeGraph({ ...unplugged, run }));
  const plain = cli('train', join(dir, 'final.json'), '--backend', 'cpu', '--out', join(dir, 'plain'));
  assert.equal(plain.code, 0, plain.stderr);
  const other = JSON.parse(readFileSync(join(dir, 'plain', 'metrics.json'), 'utf8'));
  assert.notDeepEqual(other.epochs[0].train, headless.epochs[0].train);
});
