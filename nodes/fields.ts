import type { DataShape, ValueType } from './block';

/** The wire type of every dataset field, plus Predictions for scoring given predictions. */
export function fieldTypes(d: DataShape): Record<string, ValueType> {
  return {
    Features: { kind: 'sequence', shape: [d.samples] },
    Targets: { kind: 'sequence', shape: [d.samples] },
    Predictions: { kind: 'sequence', shape: [d.samples] },
    PosBeforeJ: { kind: 'index', shape: [d.maxJumps] },
    PosAfterJ: { kind: 'index', shape: [d.maxJumps] },
    DeltaF: { kind: 'jumps', shape: [d.maxJumps] },
    Nh: { kind: 'index', shape: [] },
    LogTerms: { kind: 'sequence', shape: [d.samples] },
    HoldPairs: { kind: 'sequence', shape: [d.samples - 1] },
    MeanV: { kind: 'sequence', shape: [d.samples] },
    LogVRatio: { kind: 'jumps', shape: [d.maxJumps] },
    JumpPairs: { kind: 'jumps', shape: [d.maxJumps - 1] },
  };
}
