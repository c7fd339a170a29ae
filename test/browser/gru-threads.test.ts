import { expect } from 'chai';
import type { FromWorker, ToWorker } from '../../src/editor/run/protocol';
import { resolveRun } from '../../src/run/runSpec';
import type { NamedWeights, TrainEvent } from '../../src/train/types';
import { library } from './fixtures/editor-library';
import type { GruLanesReport } from './fixtures/gru-lanes.worker';

/**
 * The editor's training worker with the GRU kernel on 1 and on 2 threads (nested workers over
 * shared memory, src/kernels/gru/browserThreads.ts): the page must be cross-origin isolated, as
 * the test server serves it, and the two runs must agree bit for bit.
 */
interface Outcome {
  statuses: string[];
  notices: string[];
  epochs: Extract<TrainEvent, { type: 'epoch' }>[];
  weights: NamedWeights;
}

function trainOn(gruThreads: number): Promise<Outcome> {
  const top = 'fig6-global.json';
  // 36 training sequences in one batch: chunks of 16, 16 and 4 rows, so a second thread has work
  const { data, training } = resolveRun(library.files[top], {
    data: { count: 48, seed: 5, testFraction: 0.25 },
    training: { epochs: 2, batchSize: 36, learningRate: 0.003, seed: 5 },
  });
  const worker = new Worker(new URL('../../src/editor/run/train.worker.ts', import.meta.url), { type: 'module' });
  const out: Omit<Outcome, 'weights'> = { statuses: [], notices: [], epochs: [] };
  return new Promise<Outcome>((resolve, reject) => {
    worker.addEventListener('error', (e) => reject(new Error(e.message)));
    worker.addEventListener('message', (e: MessageEvent<FromWorker>) => {
      const m = e.data;
      if (m.type === 'status') out.statuses.push(m.text);
      else if (m.type === 'notice') out.notices.push(m.text);
      else if (m.type === 'failed' || m.type === 'refused') reject(new Error(m.type === 'failed' ? m.message : m.text));
      else if (m.type === 'event' && m.event.type === 'epoch') out.epochs.push(m.event);
      else if (m.type === 'event' && m.event.type === 'error') reject(new Error(m.event.message));
      else if (m.type === 'event' && m.event.type === 'done') resolve({ ...out, weights: m.event.weights });
    });
    const start: ToWorker = { type: 'start', files: library.files, top, data, training, watch: [], gruThreads };
    worker.postMessage(start);
  }).finally(() => worker.terminate());
}

/** float32 values as their bit patterns, so that equal means bit for bit (NaN and -0 included) */
const bits = (a: Float32Array) => Array.from(new Uint32Array(a.buffer, a.byteOffset, a.length));

function lanesReport(): Promise<GruLanesReport> {
  const worker = new Worker(new URL('./fixtures/gru-lanes.worker.ts', import.meta.url), { type: 'module' });
  return new Promise<GruLanesReport>((resolve, reject) => {
    worker.addEventListener('error', (e) => reject(new Error(e.message)));
    worker.addEventListener('message', (e: MessageEvent<GruLanesReport | { failed: string }>) =>
      'failed' in e.data ? reject(new Error(e.data.failed)) : resolve(e.data),
    );
  }).finally(() => worker.terminate());
}

describe('GRU kernel threads in the editor', function () {
  this.timeout(120_000);

  it('the page and its workers are cross-origin isolated', () => {
    expect(globalThis.crossOriginIsolated).to.equal(true);
    expect(typeof SharedArrayBuffer).to.equal('function');
  });

  it('the kernel on 1, 2 and 3 threads: the same bits, the float64 reference, a lane failure reported', async () => {
    const r = await lanesReport();
    expect(r.runs.map((run) => [run.threads, run.reason])).to.deep.equal([
      [1, undefined],
      [2, undefined],
      [3, undefined],
    ]);
    const [one, ...more] = r.runs;
    for (const run of more) {
      expect(run.arrays.map(bits), `${run.threads} threads`).to.deep.equal(one.arrays.map(bits));
      expect(run.again.map(bits), `${run.threads} threads, tape recomputed`).to.deep.equal(one.arrays.slice(1).map(bits));
    }
    // h, dX, dW, dU, db against the float64 loops to float32 rounding
    one.arrays.forEach((a, i) => {
      const ref = r.reference[i];
      expect(a.length).to.equal(ref.length);
      const scale = Math.max(...ref.map(Math.abs));
      const worst = Math.max(...a.map((v, j) => Math.abs(v - ref[j])));
      expect(worst / scale, `array ${i}`).to.be.below(1e-5);
    });
    expect(r.laneError).to.equal('GRU lane: GRU: x has 27 values, expected B*T*I=28');
  });

  it('training on 1 and on 2 threads gives the same weights and losses, bit for bit', async () => {
    const one = await trainOn(1);
    const two = await trainOn(2);
    expect(one.statuses).to.include('GRU kernel on 1 thread');
    expect(two.statuses).to.include('GRU kernel on 2 threads');
    expect(two.notices).to.deep.equal([]);
    expect(one.epochs.length).to.equal(2);
    expect(two.epochs.map((e) => [e.train, e.test, e.testErrorPercent])).to.deep.equal(
      one.epochs.map((e) => [e.train, e.test, e.testErrorPercent]),
    );
    expect(Object.keys(two.weights).sort()).to.deep.equal(Object.keys(one.weights).sort());
    for (const name of Object.keys(one.weights)) {
      expect(two.weights[name].shape, name).to.deep.equal(one.weights[name].shape);
      expect(bits(two.weights[name].values), name).to.deep.equal(bits(one.weights[name].values));
    }
  });
});
