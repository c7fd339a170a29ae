import type { Simulation } from './simulate';

/** The per-sequence inputs of the loss graph (SPEC §1); indices are 0-based sample indices. */
export interface SequenceFields {
  Features: Float64Array;
  Targets: Float64Array;
  PosBeforeJ: Int32Array;
  PosAfterJ: Int32Array;
  DeltaF: Float64Array;
  Nh: number;
  LogTerms: Float64Array;
  HoldPairs: Float64Array;
  /** mean slider velocity over each sample interval / Vch; sample 0 takes V(0) / Vch (SPEC §6) */
  MeanV: Float64Array;
  /** ln(V_after / V_before) of each jump, 0 where padded */
  LogVRatio: Float64Array;
  /** 1 for jump pairs (i, i+1) with i + 1 < N_J (0-based), else 0: the sum of Appendix A */
  JumpPairs: Float64Array;
}

export const fieldNames = [
  'Features',
  'Targets',
  'PosBeforeJ',
  'PosAfterJ',
  'DeltaF',
  'Nh',
  'LogTerms',
  'HoldPairs',
  'MeanV',
  'LogVRatio',
  'JumpPairs',
] as const;

/** Sample indices inside the hold: t_i in [start, end), and t = T too when the hold is last. */
export function holdSampleIndices(t: Float64Array, jumpTimes: readonly number[], hold: number): number[] {
  const start = jumpTimes[hold - 1];
  const isLast = hold === jumpTimes.length;
  const end = isLast ? Infinity : jumpTimes[hold];
  const out: number[] = [];
  for (let i = 0; i < t.length; i++) if (t[i] >= start && t[i] < end) out.push(i);
  return out;
}

/**
 * The loss fields of one sequence. `velocities` are the protocol's interval velocities, for
 * LogVRatio; without them (imported data) the ratio is read from the samples either side.
 */
export function sequenceFields(
  sim: Simulation,
  jumpTimes: readonly number[],
  hold: number,
  vCh: number,
  maxJumps: number,
  velocities?: readonly number[],
): SequenceFields {
  const { t } = sim;
  const n = t.length;
  const PosBeforeJ = new Int32Array(maxJumps);
  const PosAfterJ = new Int32Array(maxJumps);
  const DeltaF = new Float64Array(maxJumps);
  const LogVRatio = new Float64Array(maxJumps);
  const JumpPairs = new Float64Array(maxJumps - 1);
  jumpTimes.forEach((tau, j) => {
    let before = -1;
    while (before + 1 < n && t[before + 1] < tau) before++;
    PosBeforeJ[j] = before;
    PosAfterJ[j] = before + 1;
    DeltaF[j] = sim.dmuNorm[before + 1] - sim.dmuNorm[before];
    LogVRatio[j] = velocities ? Math.log(velocities[j + 1] / velocities[j]) : Math.log(sim.V[before + 1] / sim.V[before]);
    if (j + 1 < jumpTimes.length) JumpPairs[j] = 1;
  });
  const MeanV = new Float64Array(n);
  MeanV[0] = sim.V[0] / vCh;
  for (let i = 1; i < n; i++) MeanV[i] = (sim.slip[i] - sim.slip[i - 1]) / (t[i] - t[i - 1]) / vCh;
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
    MeanV,
    LogVRatio,
    JumpPairs,
  };
}
