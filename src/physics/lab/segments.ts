/**
 * Piecewise fits by binary segmentation: a record is split where one more breakpoint lowers the
 * squared error by more than a BIC-like penalty in units of the noise variance, which is itself
 * estimated robustly from the record. Degree 1 (lines) finds the programmed steps in a
 * load-point displacement; degree 0 (levels) finds them in a noisy measured velocity.
 */
export interface Segment {
  /** first row */
  start: number;
  /** one past the last row */
  end: number;
  /** the slope (degree 1) or the level (degree 0) */
  value: number;
  /** its standard error from the segment's own residuals and the record's noise */
  stderr: number;
  /** intercept at t = 0 (degree 1; the level for degree 0) */
  intercept: number;
}

export interface Segmentation {
  segments: Segment[];
  /** the robust noise sd of y */
  sigma: number;
}

/** Prefix sums that give each window's least-squares fit in O(1). t and y are shifted to their first row for precision. */
class Sums {
  readonly n: Float64Array;
  readonly t: Float64Array;
  readonly tt: Float64Array;
  readonly y: Float64Array;
  readonly ty: Float64Array;
  readonly yy: Float64Array;
  constructor(
    readonly t0: number,
    readonly y0: number,
    ts: ArrayLike<number>,
    ys: ArrayLike<number>,
  ) {
    const m = ts.length + 1;
    [this.n, this.t, this.tt, this.y, this.ty, this.yy] = Array.from({ length: 6 }, () => new Float64Array(m));
    for (let i = 0; i < ts.length; i++) {
      const t = ts[i] - t0;
      const y = ys[i] - y0;
      this.n[i + 1] = this.n[i] + 1;
      this.t[i + 1] = this.t[i] + t;
      this.tt[i + 1] = this.tt[i] + t * t;
      this.y[i + 1] = this.y[i] + y;
      this.ty[i + 1] = this.ty[i] + t * y;
      this.yy[i + 1] = this.yy[i] + y * y;
    }
  }

  /** Least squares on rows [i, j): sse, slope and intercept (in shifted coordinates), and Σ(t − t̄)². */
  fit(i: number, j: number, degree: 0 | 1) {
    const n = j - i;
    const st = this.t[j] - this.t[i];
    const sy = this.y[j] - this.y[i];
    const syy = this.yy[j] - this.yy[i] - (sy * sy) / n;
    if (degree === 0) return { sse: Math.max(0, syy), slope: 0, level: sy / n, stt: 0 };
    const stt = this.tt[j] - this.tt[i] - (st * st) / n;
    const sty = this.ty[j] - this.ty[i] - (st * sy) / n;
    const slope = stt > 0 ? sty / stt : 0;
    return { sse: Math.max(0, syy - slope * sty), slope, level: sy / n - (slope * st) / n, stt };
  }
}

function median(xs: Float64Array): number {
  const s = Float64Array.from(xs).sort();
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/**
 * The noise sd of y, from what a smooth signal cancels: first differences for levels, the
 * residual from the line through each row's neighbours for lines. A median absolute deviation
 * ignores the few rows at the steps themselves.
 */
function robustSigma(t: ArrayLike<number>, y: ArrayLike<number>, degree: 0 | 1): number {
  const n = y.length;
  if (n < 3) return 0;
  const r = new Float64Array(degree === 0 ? n - 1 : n - 2);
  let gain2 = 2;
  if (degree === 0) for (let i = 1; i < n; i++) r[i - 1] = y[i] - y[i - 1];
  else {
    let g = 0;
    for (let i = 1; i < n - 1; i++) {
      const w = (t[i] - t[i - 1]) / (t[i + 1] - t[i - 1]);
      r[i - 1] = y[i] - ((1 - w) * y[i - 1] + w * y[i + 1]);
      g += 1 + w * w + (1 - w) * (1 - w);
    }
    gain2 = g / (n - 2);
  }
  const mid = median(r);
  const mad = median(r.map((x) => Math.abs(x - mid)));
  return mad / 0.6744897501960817 / Math.sqrt(gain2);
}

export interface SegmentOptions {
  degree: 0 | 1;
  /** the shortest segment, in rows */
  minRows: number;
  /** penalty per breakpoint in units of σ² ln n */
  penalty: number;
  /** adjacent segments whose values differ by less than this fraction of the larger are merged */
  merge: number;
}

const segmentDefaults: Readonly<SegmentOptions> = Object.freeze({ degree: 1, minRows: 5, penalty: 6, merge: 0.2 });

export function segment(t: ArrayLike<number>, y: ArrayLike<number>, options: Partial<SegmentOptions> = {}): Segmentation {
  const o = { ...segmentDefaults, ...options };
  const n = y.length;
  const sums = new Sums(t[0], y[0], t, y);
  let yMin = Infinity;
  let yMax = -Infinity;
  for (let i = 0; i < n; i++) {
    yMin = Math.min(yMin, y[i]);
    yMax = Math.max(yMax, y[i]);
  }
  // A noise-free record still has rounding: never let the penalty fall to zero.
  const sigma = Math.max(robustSigma(t, y, o.degree), 1e-9 * (yMax - yMin), Number.MIN_VALUE);
  const threshold = o.penalty * sigma * sigma * Math.log(Math.max(n, 3));
  const cuts: number[] = [];
  const stack: [number, number][] = [[0, n]];
  while (stack.length) {
    const [i, j] = stack.pop() as [number, number];
    if (j - i < 2 * o.minRows) continue;
    const whole = sums.fit(i, j, o.degree).sse;
    let best = -1;
    let bestSse = Infinity;
    for (let s = i + o.minRows; s <= j - o.minRows; s++) {
      const sse = sums.fit(i, s, o.degree).sse + sums.fit(s, j, o.degree).sse;
      if (sse < bestSse) [best, bestSse] = [s, sse];
    }
    if (best < 0 || whole - bestSse <= threshold) continue;
    cuts.push(best);
    stack.push([i, best], [best, j]);
  }
  cuts.sort((a, b) => a - b);
  let bounds = [0, ...cuts, n];
  const make = (i: number, j: number): Segment => {
    const f = sums.fit(i, j, o.degree);
    const dof = Math.max(1, j - i - (o.degree + 1));
    const s2 = Math.max(f.sse / dof, sigma * sigma);
    if (o.degree === 0)
      return { start: i, end: j, value: f.level + sums.y0, stderr: Math.sqrt(s2 / (j - i)), intercept: f.level + sums.y0 };
    return {
      start: i,
      end: j,
      value: f.slope,
      stderr: f.stt > 0 ? Math.sqrt(s2 / f.stt) : Infinity,
      intercept: f.level + sums.y0 - f.slope * sums.t0,
    };
  };
  // Merge neighbours the noise cannot tell apart, smallest difference first.
  for (;;) {
    const segs = bounds.slice(0, -1).map((b, k) => make(b, bounds[k + 1]));
    let worst = -1;
    let smallest = Infinity;
    for (let k = 0; k + 1 < segs.length; k++) {
      const d = Math.abs(segs[k].value - segs[k + 1].value);
      const rel = d / Math.max(Math.abs(segs[k].value), Math.abs(segs[k + 1].value), Number.MIN_VALUE);
      const z = d / Math.hypot(segs[k].stderr, segs[k + 1].stderr);
      if ((rel < o.merge || z < 3) && rel < smallest) [worst, smallest] = [k, rel];
    }
    if (worst < 0) return { segments: segs, sigma };
    bounds = bounds.filter((_, k) => k !== worst + 1);
  }
}

/**
 * Where two fitted lines meet, when that falls between the last row of the one and the first
 * of the other (a load point moves continuously); else the first row of the second.
 */
export function stepTime(t: ArrayLike<number>, before: Segment, after: Segment): number {
  const tMeet = (after.intercept - before.intercept) / (before.value - after.value);
  const lo = t[before.end - 1];
  const hi = t[after.start];
  return Number.isFinite(tMeet) && tMeet >= lo && tMeet <= hi ? tMeet : hi;
}
