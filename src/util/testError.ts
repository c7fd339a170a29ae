/**
 * Eq. (15): 100 ||NN(V/Vch) - target|| / ||target||, per sequence, in percent.
 *
 * A target of norm zero (mu never moves, which the paper's protocols cannot produce but an
 * edited dataset might) has no relative error: it gets NaN here and is left out of the mean and
 * the histogram, which count it apart (`undefinedCount`), rather than dividing by zero silently.
 */
export function testErrorPercent(prediction: ArrayLike<number>, target: ArrayLike<number>): number {
  let diff = 0;
  let norm = 0;
  for (let i = 0; i < target.length; i++) {
    diff += (prediction[i] - target[i]) ** 2;
    norm += target[i] ** 2;
  }
  return norm > 0 ? (100 * Math.sqrt(diff)) / Math.sqrt(norm) : NaN;
}

export interface ErrorSummary {
  mean: number;
  median: number;
  count: number;
  undefinedCount: number;
}

export function summarizeErrors(errors: ArrayLike<number>): ErrorSummary {
  const ok = Array.from(errors)
    .filter(Number.isFinite)
    .sort((a, b) => a - b);
  const mid = ok.length >> 1;
  return {
    mean: ok.reduce((s, e) => s + e, 0) / ok.length,
    median: ok.length % 2 ? ok[mid] : (ok[mid - 1] + ok[mid]) / 2,
    count: ok.length,
    undefinedCount: errors.length - ok.length,
  };
}

/** 0 to 40 % in 2 % bins, the range of the paper's fig. 8; the last bin also takes everything above. */
export const defaultHistogramEdges: readonly number[] = Array.from({ length: 21 }, (_, i) => 2 * i);

/** Counts per bin [edges[i], edges[i+1]); values past the last edge go to the last bin. */
export function histogram(
  errors: ArrayLike<number>,
  edges: readonly number[] = defaultHistogramEdges,
): { edges: number[]; counts: number[] } {
  const counts = new Array<number>(edges.length - 1).fill(0);
  for (let i = 0; i < errors.length; i++) {
    const e = errors[i];
    if (!Number.isFinite(e)) continue;
    let bin = counts.length - 1;
    for (let b = 0; b < counts.length; b++) {
      if (e < edges[b + 1]) {
        bin = Math.max(b, 0);
        break;
      }
    }
    counts[bin]++;
  }
  return { edges: [...edges], counts };
}
