import type { SequenceFields } from './fieldTable';
import type { Simulation } from './simulate';

export type { SequenceFields } from './fieldTable';

/**
 * Sample indices inside the hold: t_i in [start, end), and t = T too when the hold is last.
 * `hold` is the hold's interval index; null (an imported experiment without a hold) gives none.
 */
function holdSampleIndices(t: Float64Array, jumpTimes: readonly number[], hold: number | null): number[] {
  if (hold === null) return [];
  const start = jumpTimes[hold - 1];
  const isLast = hold === jumpTimes.length;
  const end = isLast ? Infinity : jumpTimes[hold];
  const out: number[] = [];
  for (let i = 0; i < t.length; i++) if (t[i] >= start && t[i] < end) out.push(i);
  return out;
}

/**
 * Every field of the table in fieldTable.ts, from the samples and the protocol. The generator and `import` both derive
 * them here: the generator from its simulation, `import` from resampled measurements and the
 * steps it detected, so the two can never drift apart.
 */
export function sequenceFields(
  sim: Pick<Simulation, 't' | 'V' | 'dmuNorm'>,
  jumpTimes: readonly number[],
  hold: number | null,
  vCh: number,
  maxJumps: number,
): SequenceFields {
  if (jumpTimes.length > maxJumps) throw new RangeError(`${jumpTimes.length} jumps do not fit in maxJumps = ${maxJumps}`);
  const { t } = sim;
  const n = t.length;
  const PosBeforeJ = new Int32Array(maxJumps);
  const PosAfterJ = new Int32Array(maxJumps);
  const DeltaF = new Float64Array(maxJumps);
  jumpTimes.forEach((tau, j) => {
    let before = -1;
    while (before + 1 < n && t[before + 1] < tau) before++;
    PosBeforeJ[j] = before;
    PosAfterJ[j] = before + 1;
    DeltaF[j] = sim.dmuNorm[before + 1] - sim.dmuNorm[before];
  });
  const holdIdx = holdSampleIndices(t, jumpTimes, hold);
  const nh = holdIdx.length;
  const LogTerms = new Float64Array(n);
  const HoldPairs = new Float64Array(n - 1);
  // n counts hold samples from 1; n = N_h is excluded because log(N_h/N_h) = 0.
  for (let m = 1; m <= nh - 1; m++) LogTerms[holdIdx[m - 1]] = 1 / Math.log(m / nh);
  for (let m = 1; m <= nh - 2; m++) HoldPairs[holdIdx[m - 1]] = 1;
  return {
    Features: sim.V.map((v) => v / vCh),
    Targets: Float64Array.from(sim.dmuNorm),
    PosBeforeJ,
    PosAfterJ,
    DeltaF,
    Nh: nh > 0 ? holdIdx[nh - 1] : 0,
    LogTerms,
    HoldPairs,
  };
}
