/**
 * Shared types of the fused GRU kernels.
 *
 * The GRU of the paper (eqs. 4-7), with the reset gate applied to h_{t-1} before the recurrent
 * matrix and the paper's update convention:
 *
 *   z_t = σ(x_t W_z + h_{t-1} U_z + b_z)
 *   r_t = σ(x_t W_r + h_{t-1} U_r + b_r)
 *   h̃_t = tanh(x_t W_h + (r_t ⊙ h_{t-1}) U_h + b_h)
 *   h_t = (1 − z_t) ⊙ h_{t-1} + z_t ⊙ h̃_t,      h_0 = 0
 *
 * Layouts (row-major float32):
 *   x               [B, T, I]
 *   kernel W        [I, 3H]   column blocks (z, r, h)
 *   recurrentKernel [H, 3H]   column blocks (z, r, h)
 *   bias            [3H]      blocks (z, r, h)
 *   output          [B, T, H] all hidden states h_1..h_T
 */

export interface GruDims {
  /** B */
  batch: number;
  /** T */
  time: number;
  /** I */
  input: number;
  /** H */
  hidden: number;
}

export interface GruParams {
  /** W [I, 3H] */
  kernel: Float32Array;
  /** U [H, 3H] */
  recurrentKernel: Float32Array;
  /** b [3H] */
  bias: Float32Array;
}

export interface GruGradients {
  /** dL/dx [B, T, I] */
  dX: Float32Array;
  /** dL/dW [I, 3H] */
  dKernel: Float32Array;
  /** dL/dU [H, 3H] */
  dRecurrentKernel: Float32Array;
  /** dL/db [3H] */
  dBias: Float32Array;
}

export type GruKernelKind = 'wasm' | 'js';

/**
 * What a forward pass keeps for its backward pass. A tape is consumed by `backward` (its buffers
 * are released); calling `backward` again on it, or on a tape whose buffers were evicted, is still
 * correct: the forward pass is recomputed from the inputs the tape holds.
 */
export interface GruTape {
  readonly kind: GruKernelKind;
  readonly dims: GruDims;
  /** Frees the saved activations now (idempotent). */
  release(): void;
}

export interface GruForwardOptions {
  /** Keep what backward needs (default true). */
  saveForBackward?: boolean;
}

export interface GruForwardResult {
  /** hidden states [B, T, H] (a fresh array owned by the caller) */
  h: Float32Array;
  /** null when saveForBackward is false */
  tape: GruTape | null;
}

export interface GruKernel {
  readonly kind: GruKernelKind;
  forward(dims: GruDims, x: Float32Array, params: GruParams, options?: GruForwardOptions): GruForwardResult;
  /** dH: dL/dh [B, T, H]. */
  backward(tape: GruTape, dH: Float32Array): GruGradients;
}

export function checkGruInputs(dims: GruDims, x: Float32Array, params: GruParams): void {
  const { batch: B, time: T, input: I, hidden: H } = dims;
  for (const [k, v] of Object.entries(dims)) {
    if (!Number.isInteger(v) || v < (k === 'hidden' || k === 'input' ? 1 : 0)) {
      throw new Error(`GRU: bad dimension ${k}=${v}`);
    }
  }
  if (x.length !== B * T * I) throw new Error(`GRU: x has ${x.length} values, expected B*T*I=${B * T * I}`);
  if (params.kernel.length !== I * 3 * H) throw new Error(`GRU: kernel has ${params.kernel.length} values, expected I*3H=${I * 3 * H}`);
  if (params.recurrentKernel.length !== H * 3 * H) {
    throw new Error(`GRU: recurrentKernel has ${params.recurrentKernel.length} values, expected H*3H=${H * 3 * H}`);
  }
  if (params.bias.length !== 3 * H) throw new Error(`GRU: bias has ${params.bias.length} values, expected 3H=${3 * H}`);
}
