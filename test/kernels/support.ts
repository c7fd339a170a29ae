import assert from 'node:assert/strict';
import { gruForward64, hiddenStates64 } from '../../src/kernels/gru/reference64';
import type { GruDims, GruParams } from '../../src/kernels/gru/types';
import { createRng } from '../../src/util/random';

export const KINDS = ['wasm', 'js'] as const;

/** [B, T, I, H]: batch 1, hidden 1, H not a multiple of 4 (wasm padding), several inputs. */
export const SHAPES: ReadonlyArray<readonly [number, number, number, number]> = [
  [1, 7, 1, 1],
  [2, 5, 2, 3],
  [3, 6, 1, 8],
  [1, 4, 3, 5],
  [4, 9, 1, 6],
];

export interface Case {
  B: number;
  T: number;
  I: number;
  H: number;
  dims: GruDims;
  x32: Float32Array;
  kernel32: Float32Array;
  recurrentKernel32: Float32Array;
  bias32: Float32Array;
  params32: GruParams;
  /** dL/dh for L = Σ h ⊙ probe */
  probe32: Float32Array;
}

/**
 * Random weights large enough that gates saturate partly (so every nonlinearity matters). The
 * float64 reference reads the same float32 values, so the two differ only in arithmetic.
 */
export function makeCase([B, T, I, H]: readonly number[], seed: number): Case {
  const rng = createRng(seed, `gru ${B}x${T}x${I}x${H}`);
  const f32 = (n: number, scale: number) => Float32Array.from({ length: n }, () => rng.normal() * scale);
  const x32 = f32(B * T * I, 1);
  const kernel32 = f32(I * 3 * H, 0.9);
  const recurrentKernel32 = f32(H * 3 * H, 0.9 / Math.sqrt(H) + 0.3);
  const bias32 = f32(3 * H, 0.4);
  const probe32 = f32(B * T * H, 1);
  return {
    B,
    T,
    I,
    H,
    dims: { batch: B, time: T, input: I, hidden: H },
    x32,
    kernel32,
    recurrentKernel32,
    bias32,
    params32: { kernel: kernel32, recurrentKernel: recurrentKernel32, bias: bias32 },
    probe32,
  };
}

/** L = Σ h ⊙ probe through the float64 reference. */
function loss64(c: Case, x: Float64Array, params: { kernel: Float64Array; recurrentKernel: Float64Array; bias: Float64Array }): number {
  const h = hiddenStates64(gruForward64(c.dims, x, params));
  let s = 0;
  for (let i = 0; i < h.length; i++) s += h[i] * c.probe32[i];
  return s;
}

/**
 * Central differences of the reference's loss with respect to every entry of one argument: in
 * float64 a step of 1e-6 is accurate to ~1e-9, far below float32 rounding.
 */
export function finiteDifferences(c: Case, name: 'x' | 'kernel' | 'recurrentKernel' | 'bias', eps = 1e-6): Float64Array {
  const x = Float64Array.from(c.x32);
  const params = {
    kernel: Float64Array.from(c.kernel32),
    recurrentKernel: Float64Array.from(c.recurrentKernel32),
    bias: Float64Array.from(c.bias32),
  };
  const v = name === 'x' ? x : params[name];
  const g = new Float64Array(v.length);
  for (let i = 0; i < v.length; i++) {
    const keep = v[i];
    v[i] = keep + eps;
    const up = loss64(c, x, params);
    v[i] = keep - eps;
    const down = loss64(c, x, params);
    v[i] = keep;
    g[i] = (up - down) / (2 * eps);
  }
  return g;
}

/**
 * Float32 agreement: every entry within `rel` of the larger magnitude in the reference (a
 * gradient is a sum of many terms, so its rounding scales with the array's size, not the entry's).
 */
export function assertClose(actual: ArrayLike<number>, expected: ArrayLike<number>, what: string, rel = 2e-5): void {
  assert.equal(actual.length, expected.length, `${what}: length`);
  let scale = 1e-3;
  for (let i = 0; i < expected.length; i++) scale = Math.max(scale, Math.abs(expected[i]));
  for (let i = 0; i < expected.length; i++) {
    const d = Math.abs(actual[i] - expected[i]);
    assert.ok(
      Number.isFinite(actual[i]) && d <= rel * scale,
      `${what}[${i}]: ${actual[i]} vs ${expected[i]} (|d| ${d.toExponential(2)} > ${(rel * scale).toExponential(2)})`,
    );
  }
}
