/**
 * Proves a TypeScript module can be started as a module Web Worker in the browser
 * tests. Convention (also what Vite understands, in dev and build): keep the URL
 * inline, as a string literal, in the Worker constructor:
 *
 *   new Worker(new URL('./train.worker.ts', import.meta.url), { type: 'module' })
 *
 * The test bundler rewrites the literal to the file's root-absolute path, and the
 * dev server answers any project .ts request with an esbuild bundle of it, so the
 * worker entry is bundled on its own (see scripts/wtr/esbuild-bundle-plugin.mjs).
 */
import { expect } from 'chai';

function nextMessage<T>(worker: Worker, timeoutMs = 15_000): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('worker did not answer in time')), timeoutMs);
    worker.addEventListener(
      'message',
      (e: MessageEvent) => {
        clearTimeout(timer);
        resolve(e.data as T);
      },
      { once: true },
    );
    worker.addEventListener(
      'error',
      (e: ErrorEvent) => {
        clearTimeout(timer);
        reject(new Error(`worker error: ${e.message || 'failed to load'}`));
      },
      { once: true },
    );
  });
}

describe('module Web Worker from a TS entry', () => {
  const workers: Worker[] = [];
  afterEach(() => {
    workers.splice(0).forEach((w) => w.terminate());
  });

  it('starts a bundled module worker and answers a message', async () => {
    const worker = new Worker(new URL('./fixtures/echo.worker.ts', import.meta.url), {
      type: 'module',
    });
    workers.push(worker);

    const ready = await nextMessage<{ ready: boolean }>(worker);
    expect(ready).to.deep.equal({ ready: true });

    const answer = nextMessage<{ reply: string; isWorker: boolean; url: string }>(worker);
    worker.postMessage({ text: 'slide, hold, learn' });
    const { reply, isWorker, url } = await answer;
    expect(reply).to.equal('SLIDE, HOLD, LEARN!');
    expect(isWorker).to.equal(true);
    expect(new URL(url).pathname).to.equal('/test/browser/fixtures/echo.worker.ts');
  });

  it('runs @tensorflow/tfjs inside a module worker', async () => {
    const worker = new Worker(new URL('./fixtures/tf.worker.ts', import.meta.url), {
      type: 'module',
    });
    workers.push(worker);

    const answer = nextMessage<{ total?: number; backend?: string; version?: string; error?: string }>(worker);
    worker.postMessage([1, 2, 3, 4.5]);
    const result = await answer;
    expect(result.error).to.equal(undefined);
    expect(result.total).to.be.closeTo(10.5, 1e-6);
    expect(result.backend).to.equal('cpu');
    expect(result.version).to.match(/^4\./);
  });
});
