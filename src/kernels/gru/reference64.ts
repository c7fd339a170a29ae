/**
 * The readable specification of the GRU kernels: the paper's GRU (eqs. 4–7) and its
 * backpropagation through time as plain float64 loops, one scalar loop per equation, nothing
 * fused, blocked or padded. It is never on a training path: the kernel tests compare the JS and
 * WebAssembly kernels with it (outputs and all four gradients), and check it against finite
 * differences of its own forward pass.
 *
 * Per sequence, from h_0 = 0, with gate blocks (z, r, h) side by side in the columns of W [I, 3H],
 * U [H, 3H] and the bias ξ [3H] (the layouts of types.ts):
 *   (4) z_t = σ(x_t W_z + h_{t−1} U_z + ξ_z)
 *   (5) r_t = σ(x_t W_r + h_{t−1} U_r + ξ_r)
 *   (6) h̃_t = tanh(x_t W_h + (r_t ⊙ h_{t−1}) U_h + ξ_h)
 *   (7) h_t = (1 − z_t) ⊙ h_{t−1} + z_t ⊙ h̃_t
 * Eq. (6) as printed reads U(r_t ⊙ h_{t−1} − 1); the −1 only moves the bias (U(v − 1) + ξ =
 * Uv + (ξ − U·1)), so it describes the same functions, and it is left out, as in tfjs-layers.
 */
import type { GruDims } from './types';

type Values = ArrayLike<number>;

export interface Gru64Params {
  kernel: Values;
  recurrentKernel: Values;
  bias: Values;
}

/** One time step of one sequence: its input, the previous state and what eqs. 4–7 computed. */
interface Step {
  x: Float64Array;
  hPrev: Float64Array;
  z: Float64Array;
  r: Float64Array;
  /** r ⊙ h_{t−1}, the input of U_h */
  rh: Float64Array;
  hc: Float64Array;
  h: Float64Array;
}

export interface Gru64Forward {
  dims: GruDims;
  params: Gru64Params;
  /** steps[b][t] */
  steps: Step[][];
}

export interface Gru64Gradients {
  dX: Float64Array;
  dKernel: Float64Array;
  dRecurrentKernel: Float64Array;
  dBias: Float64Array;
}

const sigmoid = (a: number) => 1 / (1 + Math.exp(-a));

/**
 * Pre-activation of gate block g (0 = z, 1 = r, 2 = h) for unit j: Σ_i x_i W[i, gH + j] +
 * Σ_k v_k U[k, gH + j] + ξ[gH + j], where v is h_{t−1} for z and r, r ⊙ h_{t−1} for h̃.
 */
function preActivation(p: Gru64Params, H: number, g: number, j: number, x: Float64Array, v: Float64Array): number {
  const col = g * H + j;
  let a = p.bias[col];
  for (let i = 0; i < x.length; i++) a += x[i] * p.kernel[i * 3 * H + col];
  for (let k = 0; k < H; k++) a += v[k] * p.recurrentKernel[k * 3 * H + col];
  return a;
}

export function gruForward64(dims: GruDims, x: Values, params: Gru64Params): Gru64Forward {
  const { batch: B, time: T, input: I, hidden: H } = dims;
  const steps: Step[][] = [];
  for (let b = 0; b < B; b++) {
    steps.push([]);
    let hPrev = new Float64Array(H); // h_0 = 0
    for (let t = 0; t < T; t++) {
      const xt = Float64Array.from({ length: I }, (_, i) => x[(b * T + t) * I + i]);
      const z = new Float64Array(H);
      const r = new Float64Array(H);
      const rh = new Float64Array(H);
      const hc = new Float64Array(H);
      const h = new Float64Array(H);
      for (let j = 0; j < H; j++) z[j] = sigmoid(preActivation(params, H, 0, j, xt, hPrev)); // (4)
      for (let j = 0; j < H; j++) r[j] = sigmoid(preActivation(params, H, 1, j, xt, hPrev)); // (5)
      for (let k = 0; k < H; k++) rh[k] = r[k] * hPrev[k];
      for (let j = 0; j < H; j++) hc[j] = Math.tanh(preActivation(params, H, 2, j, xt, rh)); // (6)
      for (let j = 0; j < H; j++) h[j] = (1 - z[j]) * hPrev[j] + z[j] * hc[j]; // (7)
      steps[b].push({ x: xt, hPrev, z, r, rh, hc, h });
      hPrev = h;
    }
  }
  return { dims, params, steps };
}

/** h [B, T, H]: every hidden state h_1..h_T. */
export function hiddenStates64(f: Gru64Forward): Float64Array {
  const { batch: B, time: T, hidden: H } = f.dims;
  const out = new Float64Array(B * T * H);
  for (let b = 0; b < B; b++) for (let t = 0; t < T; t++) out.set(f.steps[b][t].h, (b * T + t) * H);
  return out;
}

/**
 * Backward through one preActivation: given da = dL/da for gate block g, adds the gradients of
 * W, U, ξ, x and v (v being h_{t−1} or r ⊙ h_{t−1}, as in the forward pass).
 */
function preActivationBackward(
  p: Gru64Params,
  H: number,
  g: number,
  da: Float64Array,
  s: { x: Float64Array; v: Float64Array },
  grads: Gru64Gradients,
  dx: Float64Array,
  dv: Float64Array,
): void {
  for (let j = 0; j < H; j++) {
    const col = g * H + j;
    grads.dBias[col] += da[j];
    for (let i = 0; i < s.x.length; i++) {
      grads.dKernel[i * 3 * H + col] += s.x[i] * da[j];
      dx[i] += p.kernel[i * 3 * H + col] * da[j];
    }
    for (let k = 0; k < H; k++) {
      grads.dRecurrentKernel[k * 3 * H + col] += s.v[k] * da[j];
      dv[k] += p.recurrentKernel[k * 3 * H + col] * da[j];
    }
  }
}

/** dL/dx, dL/dW, dL/dU, dL/dξ for dH = dL/dh [B, T, H], through time from the last step back. */
export function gruBackward64(f: Gru64Forward, dH: Values): Gru64Gradients {
  const { batch: B, time: T, input: I, hidden: H } = f.dims;
  const p = f.params;
  const grads: Gru64Gradients = {
    dX: new Float64Array(B * T * I),
    dKernel: new Float64Array(I * 3 * H),
    dRecurrentKernel: new Float64Array(H * 3 * H),
    dBias: new Float64Array(3 * H),
  };
  for (let b = 0; b < B; b++) {
    let dhLater = new Float64Array(H); // dL/dh_t through h_{t+1}, nothing after the last step
    for (let t = T - 1; t >= 0; t--) {
      const s = f.steps[b][t];
      const dh = new Float64Array(H);
      for (let j = 0; j < H; j++) dh[j] = dH[(b * T + t) * H + j] + dhLater[j];
      const dz = new Float64Array(H);
      const dhc = new Float64Array(H);
      const dhPrev = new Float64Array(H);
      const dx = new Float64Array(I);
      // (7) h = (1 − z) h_{t−1} + z h̃
      for (let j = 0; j < H; j++) {
        dz[j] = dh[j] * (s.hc[j] - s.hPrev[j]);
        dhc[j] = dh[j] * s.z[j];
        dhPrev[j] = dh[j] * (1 - s.z[j]);
      }
      // (6) h̃ = tanh(a_h), a_h over x and r ⊙ h_{t−1}
      const daH = new Float64Array(H);
      for (let j = 0; j < H; j++) daH[j] = dhc[j] * (1 - s.hc[j] * s.hc[j]);
      const drh = new Float64Array(H);
      preActivationBackward(p, H, 2, daH, { x: s.x, v: s.rh }, grads, dx, drh);
      const dr = new Float64Array(H);
      for (let k = 0; k < H; k++) {
        dr[k] = drh[k] * s.hPrev[k];
        dhPrev[k] += drh[k] * s.r[k];
      }
      // (5) r = σ(a_r)
      const daR = new Float64Array(H);
      for (let j = 0; j < H; j++) daR[j] = dr[j] * s.r[j] * (1 - s.r[j]);
      preActivationBackward(p, H, 1, daR, { x: s.x, v: s.hPrev }, grads, dx, dhPrev);
      // (4) z = σ(a_z)
      const daZ = new Float64Array(H);
      for (let j = 0; j < H; j++) daZ[j] = dz[j] * s.z[j] * (1 - s.z[j]);
      preActivationBackward(p, H, 0, daZ, { x: s.x, v: s.hPrev }, grads, dx, dhPrev);
      grads.dX.set(dx, (b * T + t) * I);
      dhLater = dhPrev;
    }
  }
  return grads;
}
