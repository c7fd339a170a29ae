import type { WeightSpec } from '../../nodes/block';
import { createRng, type Rng } from '../util/random';

/**
 * Initial weights from the run's seed. Each weight draws from its own stream, named after the
 * weight, so adding a block never changes the start of the others.
 */
export function initialWeights(spec: WeightSpec, fullName: string, seed: number): Float32Array {
  const size = spec.shape.reduce((a, b) => a * b, 1);
  const rng = createRng(seed, `weights/${fullName}`);
  switch (spec.init) {
    case 'zeros':
      return new Float32Array(size);
    case 'glorot': {
      const [fanIn, fanOut] = spec.shape.length === 1 ? [spec.shape[0], spec.shape[0]] : [spec.shape[0], spec.shape[spec.shape.length - 1]];
      const limit = Math.sqrt(6 / (fanIn + fanOut));
      return Float32Array.from({ length: size }, () => (2 * rng.next() - 1) * limit);
    }
    case 'orthogonal-gates':
      return orthogonalGates(spec.shape[0], spec.shape[1], rng);
  }
}

/**
 * [H, g·H] made of g orthogonal H×H blocks, one per gate, as recurrent kernels are usually
 * started (Saxe et al.): it keeps the early recurrence from exploding or vanishing.
 */
function orthogonalGates(h: number, cols: number, rng: Rng): Float32Array {
  const gates = cols / h;
  const out = new Float32Array(h * cols);
  for (let g = 0; g < gates; g++) {
    const q = orthogonal(h, rng);
    for (let i = 0; i < h; i++) for (let j = 0; j < h; j++) out[i * cols + g * h + j] = q[i * h + j];
  }
  return out;
}

/** Gram–Schmidt on a Gaussian matrix, in float64. */
function orthogonal(n: number, rng: Rng): Float64Array {
  const q = Float64Array.from({ length: n * n }, () => rng.normal());
  for (let c = 0; c < n; c++) {
    for (let p = 0; p < c; p++) {
      let dot = 0;
      for (let r = 0; r < n; r++) dot += q[r * n + c] * q[r * n + p];
      for (let r = 0; r < n; r++) q[r * n + c] -= dot * q[r * n + p];
    }
    let norm = 0;
    for (let r = 0; r < n; r++) norm += q[r * n + c] ** 2;
    norm = Math.sqrt(norm);
    for (let r = 0; r < n; r++) q[r * n + c] /= norm;
  }
  return q;
}
