import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export type BackendName = 'wasm' | 'cpu';
export const backendNames: readonly BackendName[] = ['wasm', 'cpu'];

let threads: number | undefined;

/** `--threads N`: the GRU kernel's threads in this run (the results are the same bits on any number). */
export function setThreads(n: number | undefined): void {
  threads = n;
}

/** The threads this run's GRU kernel uses: --threads, else the cores free to it (src/kernels/gru/threads.ts). */
export async function runThreads(): Promise<number> {
  return threads ?? (await import('../kernels/gru/threads')).freeCores();
}

/**
 * tfjs-node cannot install here (it downloads libtensorflow), so Node runs tfjs on wasm, loaded
 * from the package's own dist/ folder: nothing is fetched from the network. The GRU kernel is
 * chosen here too, so that a fallback to the slow JS kernel is one line on stderr before the run
 * starts, not a silent slowdown. tfjs is imported here, not at the top, so that commands which
 * only read the backend's names start without it.
 */
export async function useBackend(name: BackendName): Promise<void> {
  const tf = await import('@tensorflow/tfjs-core');
  await import('../compile/tfjsParts');
  if (tf.getBackend() === name) return;
  const notice = (await import('../kernels/gru/kernel')).gruKernelNotice();
  if (notice) process.stderr.write(`slidegraph: warning: ${notice}\n`);
  if (name === 'wasm') {
    const dist = dirname(createRequire(import.meta.url).resolve('@tensorflow/tfjs-backend-wasm'));
    const { setWasmPaths } = await import('@tensorflow/tfjs-backend-wasm');
    setWasmPaths(join(dist, '/'));
  }
  // PROD silences tfjs's console advice to install tfjs-node, which cannot install here.
  tf.env().set('PROD', true);
  if (!(await tf.setBackend(name))) throw new Error(`the ${name} backend could not start`);
  await tf.ready();
  (await import('../kernels/gru/threads')).setGruThreads(await runThreads());
}
