import { paperRules } from './generator';
import { characteristic, paperParams } from './params';
import type { StateLaw } from './stateLaws';
import type { DataSystem } from './systems';

// Apart from dataset.ts (whose simulations load ajv for protocols), so that the CLI's data flags
// take their defaults at start-up without loading the simulators. Its type is a DataConfig's
// (dataset.ts's dataConfig builds one from it), not named here, which would import dataset.ts.

/**
 * The data defaults, the one place they are set: the paper's protocol rules and characteristic
 * scales, and the procedure of SPEC §3. Graph documents (src/graph/types.ts) and the CLI's data
 * flags take theirs from here.
 */
export const defaultDataConfig = Object.freeze({
  ...paperRules,
  count: 15000,
  seed: 0,
  testFraction: 0.2,
  samples: 100,
  params: paperParams,
  ...characteristic,
  law: 'aging' as StateLaw,
  system: 'direct' as DataSystem,
  k: 1000,
  noise: Object.freeze({ mu: 0, v: 0 }),
});
