import { characteristic } from './params';

/** How `import` reads steps and the hold out of V; the defaults are documented in docs/data.md. */
export interface ImportOptions {
  samples: number;
  /** a row starts a new interval when |V_k − V_{k−1}| > step × max(V_k, V_{k−1}) */
  step: number;
  /** an interval (never the first) whose mean V is below this (m/s) may be the hold */
  holdBelow: number;
  /** the per-jump fields' length; by default the paper's 5, or more if an experiment needs it */
  maxJumps?: number;
  seed: number;
  testFraction: number;
  /** Vch and δμch, or 'record' to choose them from the experiments (scaleFromRecord, docs/lab.md) */
  vCh: number | 'record';
  dmuCh: number | 'record';
  /**
   * μ(0), which the targets are relative to, is the mean of this many first samples (those before
   * the first step): 1 is the first row, as without --window; `import --window` takes startSamples.
   */
  startSamples?: number;
}

/** The samples whose mean is a window's μ(0): σ/√5 of a row's noise, over half a second at 10 Hz. */
export const startSamples = 5;

export const importDefaults: Readonly<Omit<ImportOptions, 'maxJumps' | 'startSamples' | 'vCh' | 'dmuCh'> & { vCh: number; dmuCh: number }> =
  Object.freeze({
    samples: 100,
    step: 1e-6,
    holdBelow: 1e-7,
    seed: 0,
    testFraction: 0.2,
    ...characteristic,
  });
