import assert from 'node:assert/strict';
import { createRng } from '../../src/util/random';
import type { Gru64 } from './reference64';

export const KINDS = ['wasm', 'js'] as const;

/** [B, T, I, H]: batch 1, hidden 1, H not a multiple of 4 (wasm padding), several inputs. */
export const SHAPES: ReadonlyArray<readonly [number, number, number, number]> = [
  [1, 7, 1, 1],
  [2, 5, 2, 3],
  [3, 6, 1, 8],
  [1, 4, 3, 5],
  [4, 9, 1, 6],
];

export interface Case extends Gru64 {
  x32: Float32Array;
  kernel32: Float32Array;
  recurrentKernel32: Float32Array;
  bias32: Float32Array;
  probe32: Float32Array;
  probe: Float64Array;
}

/**
 * Random weights large enough that gates saturate partly (so every nonlinearity matters); the
 * float64 copies hold exactly the float32 values, so the two differ only in arithmetic.
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
    x32,
    kernel32,
    recurrentKernel32,
    bias32,
    probe32,
    x: Float64Array.from(x32),
    kernel: Float64Array.from(kernel32),
    recurrentKernel: Float64Array.from(recurrentKernel32),
    bias: Float64Array.from(bias32),
    probe: Float64Array.from(probe32),
  };
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
