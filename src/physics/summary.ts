import type { Dataset } from './dataset';
import type { SequenceFields } from './fields';

/** The hold is never the first interval, so its last sample is never index 0: Nh = 0 means empty. */
export function holdSampleCount(s: Pick<SequenceFields, 'Nh' | 'LogTerms'>): number {
  if (s.Nh === 0) return 0;
  let n = 1;
  for (const v of s.LogTerms) if (v !== 0) n++;
  return n;
}

/** What a user checks first in a new dataset: sizes, the jump and hold mix, target range. */
export function datasetSummary(ds: Dataset) {
  const jumps: Record<string, number> = {};
  let train = 0;
  let emptyHolds = 0;
  let shortHolds = 0;
  let minTarget = Infinity;
  let maxTarget = -Infinity;
  let holdSamples = 0;
  for (const s of ds.sequences) {
    const nj = String(s.protocol.jumpTimes.length);
    jumps[nj] = (jumps[nj] ?? 0) + 1;
    if (s.split === 'train') train++;
    const nh = holdSampleCount(s);
    holdSamples += nh;
    if (nh === 0) emptyHolds++;
    else if (nh < 3) shortHolds++;
    for (const v of s.Targets) {
      if (v < minTarget) minTarget = v;
      if (v > maxTarget) maxTarget = v;
    }
  }
  return {
    count: ds.sequences.length,
    train,
    test: ds.sequences.length - train,
    seed: ds.config.seed,
    rule: ds.config.rule,
    law: ds.config.law,
    system: ds.config.system,
    ...(ds.config.system === 'spring-slider' ? { k: ds.config.k } : {}),
    // drawn from a fit: the net's input is this machine's load point, at these scales
    ...(ds.config.fromFit
      ? { input: ds.config.fromFit.input, samples: ds.config.samples, vCh: ds.config.vCh, dmuCh: ds.config.dmuCh }
      : {}),
    timing: ds.config.timing,
    hold: ds.config.hold,
    ...(ds.config.protocol ? { protocol: ds.config.protocol } : {}),
    noise: ds.config.noise,
    jumps,
    meanHoldSamples: holdSamples / ds.sequences.length,
    holdsWithoutSamples: emptyHolds,
    holdsUnder3Samples: shortHolds,
    targetRange: [minTarget, maxTarget],
  };
}
