import type { Dataset } from '../../physics/dataset';
import { muStart } from '../../physics/muStart';
import type { PredictionData } from '../plots/predictionChart';

/**
 * What turns a run's normalized test sequences back into the units of the dataset file it trained
 * on: the file's recorded Vch and δμch (`import` chooses them from the record), the μ each test
 * sequence's targets are measured from, and the sample interval.
 */
export interface RecordScale {
  /** the dataset file's name, for the chart's title */
  name: string;
  /** m/s per unit of V/Vch */
  vCh: number;
  /** friction per unit of Δμ/δμch */
  dmuCh: number;
  /** each test sequence, in the order the run packs them (dataset order): μ at its start, seconds between its samples */
  tests: { muStart: number; dt: number }[];
}

export function recordScaleOf(ds: Dataset, name: string): RecordScale {
  const { vCh, dmuCh, samples } = ds.config;
  const tests = ds.sequences
    .filter((s) => s.split === 'test')
    .map((s) => ({
      // the same μ(0) as `predict` writes (src/physics/muStart.ts)
      muStart: muStart(s, ds.config),
      // an imported experiment is resampled over its own duration, a generated one over the config's
      dt: ('duration' in s.protocol ? s.protocol.duration : ds.config.duration) / (samples - 1),
    }));
  return { name, vCh, dmuCh, tests };
}

/** One watched test sequence in the record's units: μ, V in m/s, time in s. */
export function inRecordUnits(p: PredictionData, scale: RecordScale): PredictionData {
  const at = scale.tests[p.index];
  if (!at) return p;
  const m0 = at.muStart;
  return {
    index: p.index,
    prediction: Float64Array.from(p.prediction, (y) => m0 + scale.dmuCh * y),
    target: Float64Array.from(p.target, (y) => m0 + scale.dmuCh * y),
    features: Float64Array.from(p.features, (f) => f * scale.vCh),
    t: Float64Array.from({ length: p.target.length }, (_, i) => i * at.dt),
    units: { mu: 'μ', v: 'V (m/s)' },
  };
}
