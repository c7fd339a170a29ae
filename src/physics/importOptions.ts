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
  vCh: number;
  dmuCh: number;
}

export const importDefaults: Readonly<Omit<ImportOptions, 'maxJumps'>> = Object.freeze({
  samples: 100,
  step: 1e-6,
  holdBelow: 1e-7,
  seed: 0,
  testFraction: 0.2,
  ...characteristic,
});
