/** The paper's loss equations written as plain loops over one sequence, for the tests. */

export const eq9 = (p: number[], t: number[]) => p.reduce((s, v, i) => s + (v - t[i]) ** 2, 0) / p.length;

export const eq10 = (p: number[], t: number[]) => (p[0] - t[0]) ** 2;

/** Only the nJ real jumps are summed: padding must add nothing by itself. */
export function eq11(p: number[], before: number[], after: number[], deltaF: number[], nJ: number): number {
  let s = 0;
  for (let i = 0; i < nJ; i++) s += (p[after[i]] - p[before[i]] - deltaF[i]) ** 2;
  return s;
}

/** Hold samples are p[start], ..., p[start + nh - 1], numbered n = 1..nh. */
export function eq13(p: number[], start: number, nh: number): number {
  const dmu = (n: number) => p[start + n - 1];
  let s = 0;
  for (let n = 1; n <= nh - 2; n++) {
    const next = (dmu(n + 1) - dmu(nh)) / Math.log((n + 1) / nh);
    const cur = (dmu(n) - dmu(nh)) / Math.log(n / nh);
    s += (next - cur) ** 2;
  }
  return s;
}

export interface HandCase {
  predictions: number[];
  targets: number[];
  before: number[];
  after: number[];
  deltaF: number[];
  nJ: number;
  holdStart: number;
  holdCount: number;
}

/** Dataset fields for a hand-made case, built from SPEC §1's definitions directly. */
export function handFields(c: HandCase, maxJumps: number) {
  const T = c.targets.length;
  const pad = (a: number[]) => [...a, ...Array(maxJumps - a.length).fill(0)];
  const logTerms = Array(T).fill(0);
  const pairs = Array(T - 1).fill(0);
  for (let n = 1; n <= c.holdCount - 1; n++) logTerms[c.holdStart + n - 1] = 1 / Math.log(n / c.holdCount);
  for (let n = 1; n <= c.holdCount - 2; n++) pairs[c.holdStart + n - 1] = 1;
  return {
    Features: c.targets.map(() => 1),
    Targets: c.targets,
    Predictions: c.predictions,
    PosBeforeJ: pad(c.before),
    PosAfterJ: pad(c.after),
    DeltaF: pad(c.deltaF),
    Nh: c.holdCount ? c.holdStart + c.holdCount - 1 : 0,
    LogTerms: logTerms,
    HoldPairs: pairs,
  };
}
