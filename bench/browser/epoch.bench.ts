// Runs in Chromium under web-test-runner (bench/browser/wtr.config.mjs), started by bench/epoch.ts:
// the editor's own training worker (src/editor/run/train.worker.ts) trains fig. 6 on the wasm
// backend, and each epoch's seconds are logged on one line for bench/epoch.ts to read.
import type { FromWorker, ToWorker } from '../../src/editor/run/protocol';
import { type GraphDocument, resolveDataConfig } from '../../src/graph';
import { EPOCH_BENCH } from './epochSettings';

const wasm = '/node_modules/@tensorflow/tfjs-backend-wasm/dist/';

describe('an epoch in the browser', () => {
  it('trains fig. 6 in the editor worker', async function () {
    this.timeout(900_000);
    const files: Record<string, GraphDocument> = {};
    for (const g of EPOCH_BENCH.graphs) files[g] = (await (await fetch(`/graphs/${g}`)).json()) as GraphDocument;
    const worker = new Worker(new URL('../../src/editor/run/train.worker.ts', import.meta.url), { type: 'module' });
    const seconds: number[] = [];
    const status: string[] = [];
    const done = new Promise<void>((resolve, reject) => {
      worker.addEventListener('message', (e: MessageEvent<FromWorker>) => {
        const m = e.data;
        if (m.type === 'failed' || m.type === 'refused') reject(new Error(m.type === 'failed' ? m.message : m.text));
        if (m.type === 'status') status.push(m.text);
        if (m.type !== 'event') return;
        if (m.event.type === 'epoch') seconds.push(m.event.seconds);
        if (m.event.type === 'done') resolve();
      });
    });
    const start: ToWorker = {
      type: 'start',
      files,
      top: EPOCH_BENCH.top,
      data: resolveDataConfig(EPOCH_BENCH.data),
      training: EPOCH_BENCH.training,
      watch: [],
      // the Node side runs the GRU kernel on one thread: the same here, like for like
      gruThreads: 1,
      wasmPaths: {
        'tfjs-backend-wasm.wasm': `${location.origin}${wasm}tfjs-backend-wasm.wasm`,
        'tfjs-backend-wasm-simd.wasm': `${location.origin}${wasm}tfjs-backend-wasm-simd.wasm`,
        'tfjs-backend-wasm-threaded-simd.wasm': `${location.origin}${wasm}tfjs-backend-wasm-threaded-simd.wasm`,
      },
    };
    worker.postMessage(start);
    await done;
    worker.terminate();
    console.log(`EPOCH_BENCH ${JSON.stringify({ seconds, status })}`);
  });
});
