import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import * as tf from '@tensorflow/tfjs-core';
import '../compile/tfjsParts';
import { gruKernelNotice } from '../kernels/gru/kernel';

export type BackendName = 'wasm' | 'cpu';
export const backendNames: readonly BackendName[] = ['wasm', 'cpu'];

/**
 * tfjs-node cannot install here (it downloads libtensorflow), so Node runs tfjs on wasm, loaded
 * from the package's own dist/ folder: nothing is fetched from the network. The GRU kernel is
 * chosen here too, so that a fallback to the slow JS kernel is one line on stderr before the run
 * starts, not a silent slowdown.
 */
export async function useBackend(name: BackendName): Promise<void> {
  if (tf.getBackend() === name) return;
  const notice = gruKernelNotice();
  if (notice) process.stderr.write(`slidegraph: warning: ${notice}\n`);
  if (name === 'wasm') {
    const dist = dirname(createRequire(import.meta.url).resolve('@tensorflow/tfjs-backend-wasm'));
    setWasmPaths(join(dist, '/'));
  }
  // PROD silences tfjs's console advice to install tfjs-node, which cannot install here.
  tf.env().set('PROD', true);
  if (!(await tf.setBackend(name))) throw new Error(`the ${name} backend could not start`);
  await tf.ready();
}
