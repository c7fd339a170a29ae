/**
 * Which test sequences figs. 9 and 10 show. The paper picks "a relatively short hold preceded
 * and ended by jumps" and "a longer hold". The rule here: among test sequences whose hold is
 * followed by sliding again and holds at least 3 samples (so healing shows), take the one whose
 * hold length is nearest the 25th percentile (short) and the one nearest the 90th (long);
 * ties go to the lower index.
 */
export interface HoldInfo {
  /** index in the test split */
  index: number;
  holdSamples: number;
  holdIsLast: boolean;
}

export function chooseExamples(tests: readonly HoldInfo[]): { short: HoldInfo; long: HoldInfo } | undefined {
  const candidates = tests.filter((t) => !t.holdIsLast && t.holdSamples >= 3);
  if (candidates.length < 2) return undefined;
  const sorted = candidates.map((c) => c.holdSamples).sort((a, b) => a - b);
  const quantile = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  const nearest = (target: number, not?: HoldInfo) =>
    candidates
      .filter((c) => c !== not)
      .reduce((best, c) => (Math.abs(c.holdSamples - target) < Math.abs(best.holdSamples - target) ? c : best));
  const short = nearest(quantile(0.25));
  return { short, long: nearest(quantile(0.9), short) };
}
