import * as tf from '@tensorflow/tfjs-core';
import { fusedGru } from './op';
import { gruSequenceReference } from './reference';
import type { GruKernelKind } from './types';

/**
 * Which GRU the `GRU` block runs. 'fused' (default) uses the fused op on the backends it serves
 * (cpu, wasm: both read tensor data synchronously from host memory) and the tf-ops reference
 * elsewhere; 'reference' forces the tf-ops loop (comparison tests, benchmarks).
 */
export interface GruMode {
  implementation: 'fused' | 'reference';
  kernel: GruKernelKind | 'auto';
}

const FUSED_BACKENDS = new Set(['cpu', 'wasm']);
let mode: GruMode = { implementation: 'fused', kernel: 'auto' };

/** Sets the mode and returns the previous one (so a test can restore it). */
export function setGruMode(next: Partial<GruMode>): GruMode {
  const prev = mode;
  mode = { ...mode, ...next };
  return prev;
}

/** The paper's GRU over a whole sequence: x [B, T, I] → h [B, T, H]. */
export function gruSequence(x: tf.Tensor3D, kernel: tf.Tensor2D, recurrentKernel: tf.Tensor2D, bias: tf.Tensor1D): tf.Tensor3D {
  if (mode.implementation === 'fused' && FUSED_BACKENDS.has(tf.getBackend())) {
    return fusedGru(x, kernel, recurrentKernel, bias, mode.kernel);
  }
  return gruSequenceReference(x, kernel, recurrentKernel, bias);
}
