import type { Dataset, Sequence } from './dataset';
import { frictionLaw, steadyStateTheta } from './frictionLaw';

/**
 * mu(0) of a sequence, which the dataset's normalized targets are relative to: the first
 * measured mu of an imported experiment (a window's denoised start), else the steady-state
 * friction at V(0), where every generated sequence starts. A record drawn from a fit
 * (`data --from-fit`) starts at the steady state of every fitted state: under each law a
 * state's term at steady state is −b ln(V/Vref), so mu(0) = μ0 + (a − Σ b) ln(V(0)/Vref).
 */
export function muStart(s: Sequence, config: Dataset['config']): number {
  if ('muStart' in s.protocol) return s.protocol.muStart;
  const v0 = s.protocol.velocities[0];
  const p = config.params;
  const states = config.fromFit?.states;
  if (states) return p.mu0 + (p.a - states.reduce((sum, st) => sum + st.b, 0)) * Math.log(v0 / p.vRef);
  return frictionLaw(p, v0, steadyStateTheta(p, v0));
}
