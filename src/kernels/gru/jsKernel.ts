/**
 * Plain TypeScript GRU forward / analytic BPTT backward: the portable fallback of the WebAssembly
 * kernel. Float32 storage, float64 arithmetic in locals. Optimised (row by row, blocked, fused);
 * the readable specification it is tested against is reference64.ts.
 *
 * Rows of the batch are independent through time, so both passes run row by row (b outer, t
 * inner), which keeps one row's state in cache; the weights (a few KiB to a few hundred KiB) are
 * shared by all rows. The matrix-vector products are register-blocked four output columns at a
 * time. Weight gradients are accumulated as rank-4 updates (four time steps at once) into float64
 * accumulators.
 *
 * Internal layouts (no padding):
 *   G  [B][T][3H]  after forward: z, r, h̃ (activated gate values)
 *   Hs [B][T+1][H] h_0 = 0, h_1..h_T
 *   RH [B][T][H]   r_t ⊙ h_{t-1}
 */
import {
  checkGruInputs,
  type GruDims,
  type GruForwardOptions,
  type GruForwardResult,
  type GruGradients,
  type GruKernel,
  type GruParams,
  type GruTape,
} from './types';

interface JsSaved {
  G: Float32Array;
  Hs: Float32Array;
  RH: Float32Array;
}

class JsTape implements GruTape {
  readonly kind = 'js' as const;
  saved: JsSaved | null;
  constructor(
    readonly dims: GruDims,
    readonly x: Float32Array,
    readonly params: GruParams,
    saved: JsSaved,
  ) {
    this.saved = saved;
  }
  release(): void {
    this.saved = null;
  }
}

/** Scratch reused across calls, keyed by hidden size. */
const scratchByH = new Map<number, { pre: Float64Array; rh: Float64Array; dG: Float64Array; carry: Float64Array; drh: Float64Array }>();
function scratch(H: number) {
  let s = scratchByH.get(H);
  if (!s) {
    s = {
      pre: new Float64Array(3 * H),
      rh: new Float64Array(H),
      dG: new Float64Array(3 * H),
      carry: new Float64Array(H),
      drh: new Float64Array(H),
    };
    scratchByH.set(H, s);
  }
  return s;
}

/**
 * out[c] += Σ_k vec[vecOff + k] · U[k, c] for the columns c in [col0, col0 + count) of U [H, 3H],
 * four columns at a time so each loaded vec[k] feeds four accumulators.
 */
function addVecTimesColumns(
  out: Float64Array,
  vec: Float32Array | Float64Array,
  vecOff: number,
  U: Float32Array,
  col0: number,
  count: number,
  H: number,
): void {
  const H3 = 3 * H;
  const end = col0 + count;
  const end4 = col0 + (count & ~3);
  let c = col0;
  for (; c < end4; c += 4) {
    let s0 = out[c],
      s1 = out[c + 1],
      s2 = out[c + 2],
      s3 = out[c + 3];
    for (let k = 0, u = c; k < H; k++, u += H3) {
      const a = vec[vecOff + k];
      s0 += a * U[u];
      s1 += a * U[u + 1];
      s2 += a * U[u + 2];
      s3 += a * U[u + 3];
    }
    out[c] = s0;
    out[c + 1] = s1;
    out[c + 2] = s2;
    out[c + 3] = s3;
  }
  for (; c < end; c++) {
    let s = out[c];
    for (let k = 0, u = c; k < H; k++, u += H3) s += vec[vecOff + k] * U[u];
    out[c] = s;
  }
}

function runForward(dims: GruDims, x: Float32Array, params: GruParams, h: Float32Array, saved: JsSaved): void {
  const { batch: B, time: T, input: I, hidden: H } = dims;
  const H3 = 3 * H;
  const H2 = 2 * H;
  const W = params.kernel;
  const U = params.recurrentKernel;
  const bias = params.bias;
  const { G, Hs, RH } = saved;
  const { pre, rh } = scratch(H);

  for (let b = 0; b < B; b++) {
    const hsBase = b * (T + 1) * H;
    for (let j = 0; j < H; j++) Hs[hsBase + j] = 0;
    for (let t = 0; t < T; t++) {
      const hp = hsBase + t * H; // h_{t-1} (t is 0-based: computing h_{t+1} in 1-based terms)
      const hn = hp + H;
      const go = (b * T + t) * H3;
      const xo = (b * T + t) * I;
      // pre = b + x W
      for (let j = 0; j < H3; j++) pre[j] = bias[j];
      for (let i = 0; i < I; i++) {
        const xv = x[xo + i];
        if (xv === 0) continue;
        const wo = i * H3;
        for (let j = 0; j < H3; j++) pre[j] += xv * W[wo + j];
      }
      // pre[0:2H] += h_{t-1} U[:, 0:2H]
      addVecTimesColumns(pre, Hs, hp, U, 0, H2, H);
      // gates z, r; rh = r ⊙ h_{t-1}
      const ro = (b * T + t) * H;
      for (let k = 0; k < H; k++) {
        const z = 1 / (1 + Math.exp(-pre[k]));
        const r = 1 / (1 + Math.exp(-pre[H + k]));
        G[go + k] = z;
        G[go + H + k] = r;
        const v = r * Hs[hp + k];
        RH[ro + k] = v;
        rh[k] = RH[ro + k]; // the rounded value, as backward will see it
      }
      // candidate: pre[2H:3H] += rh U[:, 2H:3H]; h = h_{t-1} + z (h̃ - h_{t-1})
      addVecTimesColumns(pre, rh, 0, U, H2, H, H);
      for (let k = 0; k < H; k++) {
        const hc = Math.tanh(pre[H2 + k]);
        G[go + H2 + k] = hc;
        const hcf = G[go + H2 + k];
        const z = G[go + k];
        const hpv = Hs[hp + k];
        Hs[hn + k] = hpv + z * (hcf - hpv);
      }
    }
    h.set(Hs.subarray(hsBase + H, hsBase + (T + 1) * H), b * T * H);
  }
}

function allocSaved(dims: GruDims): JsSaved {
  const { batch: B, time: T, hidden: H } = dims;
  return {
    G: new Float32Array(B * T * 3 * H),
    Hs: new Float32Array(B * (T + 1) * H),
    RH: new Float32Array(B * T * H),
  };
}

function runBackward(dims: GruDims, x: Float32Array, params: GruParams, saved: JsSaved, dH: Float32Array): GruGradients {
  const { batch: B, time: T, input: I, hidden: H } = dims;
  const H3 = 3 * H;
  const H2 = 2 * H;
  const W = params.kernel;
  const U = params.recurrentKernel;
  const { G, Hs, RH } = saved;
  const { dG, carry, drh } = scratch(H);
  // dG rows of the whole sequence (needed for the weight gradients after each row)
  const DG = new Float32Array(T * H3);
  const dU = new Float64Array(H * H3);
  const dW = new Float64Array(I * H3);
  const db = new Float64Array(H3);
  const dX = new Float32Array(B * T * I);

  for (let b = 0; b < B; b++) {
    const hsBase = b * (T + 1) * H;
    carry.fill(0);
    for (let t = T - 1; t >= 0; t--) {
      const hp = hsBase + t * H;
      const go = (b * T + t) * H3;
      const dho = (b * T + t) * H;
      // element-wise part 1
      for (let k = 0; k < H; k++) {
        const dh = dH[dho + k] + carry[k];
        const z = G[go + k];
        const hc = G[go + H2 + k];
        const hpv = Hs[hp + k];
        dG[k] = dh * (hc - hpv) * z * (1 - z);
        dG[H2 + k] = dh * z * (1 - hc * hc);
        carry[k] = dh * (1 - z);
      }
      // drh[k] = sum_j dGh[j] U[k, 2H + j]; then dGr, carry += drh r
      for (let k = 0; k < H; k++) {
        const uo = k * H3 + H2;
        let s = 0;
        for (let j = 0; j < H; j++) s += dG[H2 + j] * U[uo + j];
        drh[k] = s;
      }
      for (let k = 0; k < H; k++) {
        const r = G[go + H + k];
        dG[H + k] = drh[k] * Hs[hp + k] * r * (1 - r);
        carry[k] += drh[k] * r;
      }
      // carry[k] += sum_{j<2H} dG[j] U[k, j]
      for (let k = 0; k < H; k++) {
        const uo = k * H3;
        let s0 = 0,
          s1 = 0;
        let j = 0;
        for (; j + 1 < H2; j += 2) {
          s0 += dG[j] * U[uo + j];
          s1 += dG[j + 1] * U[uo + j + 1];
        }
        if (j < H2) s0 += dG[j] * U[uo + j];
        carry[k] += s0 + s1;
      }
      // per-step input gradients: dX, dW, db
      const xo = (b * T + t) * I;
      for (let i = 0; i < I; i++) {
        const wo = i * H3;
        let s = 0;
        for (let j = 0; j < H3; j++) s += dG[j] * W[wo + j];
        dX[xo + i] = s;
        const xv = x[xo + i];
        if (xv !== 0) for (let j = 0; j < H3; j++) dW[wo + j] += xv * dG[j];
      }
      for (let j = 0; j < H3; j++) db[j] += dG[j];
      const dgo = t * H3;
      for (let j = 0; j < H3; j++) DG[dgo + j] = dG[j];
    }
    // dU[k, 0:2H] += sum_t h_{t-1}[k] dG_t[0:2H];  dU[k, 2H:3H] += sum_t rh_t[k] dG_t[2H:3H]
    // rank-4 updates over t
    let t = 0;
    for (; t + 4 <= T; t += 4) {
      const h0 = hsBase + t * H,
        h1 = h0 + H,
        h2 = h1 + H,
        h3 = h2 + H;
      const r0 = (b * T + t) * H,
        r1 = r0 + H,
        r2 = r1 + H,
        r3 = r2 + H;
      const d0 = t * H3,
        d1 = d0 + H3,
        d2 = d1 + H3,
        d3 = d2 + H3;
      for (let k = 0; k < H; k++) {
        const a0 = Hs[h0 + k],
          a1 = Hs[h1 + k],
          a2 = Hs[h2 + k],
          a3 = Hs[h3 + k];
        const uo = k * H3;
        for (let j = 0; j < H2; j++) {
          dU[uo + j] += a0 * DG[d0 + j] + a1 * DG[d1 + j] + a2 * DG[d2 + j] + a3 * DG[d3 + j];
        }
        const c0 = RH[r0 + k],
          c1 = RH[r1 + k],
          c2 = RH[r2 + k],
          c3 = RH[r3 + k];
        for (let j = H2; j < H3; j++) {
          dU[uo + j] += c0 * DG[d0 + j] + c1 * DG[d1 + j] + c2 * DG[d2 + j] + c3 * DG[d3 + j];
        }
      }
    }
    for (; t < T; t++) {
      const h0 = hsBase + t * H;
      const r0 = (b * T + t) * H;
      const d0 = t * H3;
      for (let k = 0; k < H; k++) {
        const a0 = Hs[h0 + k];
        const c0 = RH[r0 + k];
        const uo = k * H3;
        for (let j = 0; j < H2; j++) dU[uo + j] += a0 * DG[d0 + j];
        for (let j = H2; j < H3; j++) dU[uo + j] += c0 * DG[d0 + j];
      }
    }
  }
  return {
    dX,
    dKernel: Float32Array.from(dW),
    dRecurrentKernel: Float32Array.from(dU),
    dBias: Float32Array.from(db),
  };
}

export class JsGruKernel implements GruKernel {
  readonly kind = 'js' as const;

  forward(dims: GruDims, x: Float32Array, params: GruParams, options: GruForwardOptions = {}): GruForwardResult {
    checkGruInputs(dims, x, params);
    const saved = allocSaved(dims);
    const h = new Float32Array(dims.batch * dims.time * dims.hidden);
    runForward(dims, x, params, h, saved);
    const save = options.saveForBackward ?? true;
    return { h, tape: save ? new JsTape(dims, x, params, saved) : null };
  }

  backward(tape: GruTape, dH: Float32Array): GruGradients {
    if (!(tape instanceof JsTape)) throw new Error('JsGruKernel.backward: tape was not made by this kernel');
    const { dims } = tape;
    if (dH.length !== dims.batch * dims.time * dims.hidden) {
      throw new Error(`GRU backward: dH has ${dH.length} values, expected B*T*H`);
    }
    let saved = tape.saved;
    if (!saved) {
      saved = allocSaved(dims);
      runForward(dims, tape.x, tape.params, new Float32Array(dims.batch * dims.time * dims.hidden), saved);
    }
    tape.release();
    return runBackward(dims, tape.x, tape.params, saved, dH);
  }
}
