import type { FloorKind } from './featureFloor';
/** What the reproduction's report shows: each stage's numbers and curves, the example predictions, provenance. */
export interface ReportStage {
  name: string;
  graphFile: string;
  initFrom?: string;
  paper: { finalLoss: number; testErrorPercent: number };
  finalLoss: number;
  testErrorPercent: number;
  /** mean training objective per epoch */
  trainLoss: number[];
  /** eq. (15) per test sequence after the last epoch */
  errors: ArrayLike<number>;
}

export interface ReportExample {
  figure: 'fig9' | 'fig10';
  caption: string;
  index: number;
  holdSamples: number;
  /** the protocol, for the velocity steps: jump times (s) and velocities (m/s) */
  duration: number;
  jumpTimes: number[];
  velocities: number[];
  t: number[];
  target: ArrayLike<number>;
  predictions: Record<string, ArrayLike<number>>;
  /** one stage's nets of every seed on this sequence (reproduce --seeds): drawn as mean ± 2 sd */
  ensemble?: { stage: string; members: ArrayLike<number>[] };
}

export interface ReportData {
  stages: ReportStage[];
  examples: ReportExample[];
  /** `sequences` (a number) is compared with the paper's run */
  provenance: Record<string, unknown>;
  /** a floor of the test split (`slidegraph floor`), percent, and which floor it is */
  floor?: { mean: number; median: number; kind: FloorKind };
  /** the epoch control: ME continued alone for as many epochs as the staged runs had */
  controls?: ReportControl[];
}

interface ReportControl {
  name: string;
  epochs: number;
  testErrorPercent: number;
  matches: readonly string[];
}
