/**
 * A float64 GRU loop, written plainly from eqs. (4)-(7), for finite differences: in float64 a
 * central difference with a small step is accurate to ~1e-9, far below float32 rounding.
 */
export interface Gru64 {
  B: number;
  T: number;
  I: number;
  H: number;
  x: Float64Array;
  kernel: Float64Array;
  recurrentKernel: Float64Array;
  bias: Float64Array;
}

const sigmoid = (a: number) => 1 / (1 + Math.exp(-a));

/** h [B, T, H]. */
export function gruForward64(p: Gru64): Float64Array {
  const { B, T, I, H, x, kernel: W, recurrentKernel: U, bias } = p;
  const out = new Float64Array(B * T * H);
  const h = new Float64Array(H);
  const z = new Float64Array(H);
  const r = new Float64Array(H);
  for (let b = 0; b < B; b++) {
    h.fill(0);
    for (let t = 0; t < T; t++) {
      const xt = (b * T + t) * I;
      const xw = (j: number) => {
        let s = bias[j];
        for (let i = 0; i < I; i++) s += x[xt + i] * W[i * 3 * H + j];
        return s;
      };
      for (let j = 0; j < H; j++) {
        let sz = xw(j),
          sr = xw(H + j);
        for (let k = 0; k < H; k++) {
          sz += h[k] * U[k * 3 * H + j];
          sr += h[k] * U[k * 3 * H + H + j];
        }
        z[j] = sigmoid(sz);
        r[j] = sigmoid(sr);
      }
      const next = new Float64Array(H);
      for (let j = 0; j < H; j++) {
        let sh = xw(2 * H + j);
        for (let k = 0; k < H; k++) sh += r[k] * h[k] * U[k * 3 * H + 2 * H + j];
        next[j] = (1 - z[j]) * h[j] + z[j] * Math.tanh(sh);
      }
      h.set(next);
      out.set(h, (b * T + t) * H);
    }
  }
  return out;
}

/** L = Σ h ⊙ probe. */
export function loss64(p: Gru64, probe: Float64Array): number {
  const h = gruForward64(p);
  let s = 0;
  for (let i = 0; i < h.length; i++) s += h[i] * probe[i];
  return s;
}

/** Central differences of loss64 with respect to every entry of one argument. */
export function finiteDifferences(
  p: Gru64,
  probe: Float64Array,
  name: 'x' | 'kernel' | 'recurrentKernel' | 'bias',
  eps = 1e-6,
): Float64Array {
  const v = p[name];
  const g = new Float64Array(v.length);
  for (let i = 0; i < v.length; i++) {
    const keep = v[i];
    v[i] = keep + eps;
    const up = loss64(p, probe);
    v[i] = keep - eps;
    const down = loss64(p, probe);
    v[i] = keep;
    g[i] = (up - down) / (2 * eps);
  }
  return g;
}
