import type { Dataset, Sequence } from './dataset';
import { frictionLaw, steadyStateTheta } from './frictionLaw';

/**
 * mu(0) of a sequence, which the dataset's normalized targets are relative to: the first
 * measured mu of an imported experiment, else the steady-state friction of the dataset's
 * parameters at V(0), where every generated sequence starts.
 */
export function muStart(s: Sequence, config: Dataset['config']): number {
  if ('muStart' in s.protocol) return s.protocol.muStart;
  const v0 = s.protocol.velocities[0];
  return frictionLaw(config.params, v0, steadyStateTheta(config.params, v0));
}
