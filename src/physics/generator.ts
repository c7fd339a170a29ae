import type { Rng } from '../util/random';
import type { RsfParams } from './params';

export type VelocityRule = 'equal-slip' | 'literal';
export const velocityRules: readonly VelocityRule[] = ['equal-slip', 'literal'];

/** The paper's virtual-experiment rules (II.B); every number here is a default from the paper. */
export interface ProtocolRules {
  duration: number;
  minJumps: number;
  maxJumps: number;
  holdVelocity: number;
  /** total slip in units of Dc */
  totalSlipDc: number;
  rule: VelocityRule;
}

export const paperRules: Readonly<ProtocolRules> = Object.freeze({
  duration: 0.013,
  minJumps: 2,
  maxJumps: 5,
  holdVelocity: 2e-9,
  totalSlipDc: 30,
  rule: 'equal-slip' as VelocityRule,
});

export interface GeneratedProtocol {
  jumpTimes: number[];
  velocities: number[];
  /** index of the hold interval in velocities (never 0) */
  hold: number;
}

/**
 * One virtual experiment. Draw order (fixed, part of the reproducibility contract): number of
 * jumps, then the jump times, then which interval holds.
 *
 * 'equal-slip' gives every sliding interval D / n_sliding of slip, so the total is D = 30 Dc as
 * the paper states; 'literal' is the paper's sentence taken word for word (V_i = D / dt_i), whose
 * total slip is D times the number of sliding intervals.
 */
export function generateProtocol(rng: Rng, params: RsfParams, rules: ProtocolRules): GeneratedProtocol {
  const nJumps = rules.minJumps + rng.int(rules.maxJumps - rules.minJumps + 1);
  const fractions: number[] = [];
  for (let i = 0; i < nJumps; i++) fractions.push(rng.open());
  fractions.sort((x, y) => x - y);
  const jumpTimes = fractions.map((f) => f * rules.duration);
  const hold = 1 + rng.int(nJumps);
  const slip = rules.totalSlipDc * params.dc;
  const nSliding = nJumps; // nJumps + 1 intervals, one of them the hold
  const velocities: number[] = [];
  for (let k = 0; k <= nJumps; k++) {
    if (k === hold) {
      velocities.push(rules.holdVelocity);
      continue;
    }
    const start = k === 0 ? 0 : jumpTimes[k - 1];
    const end = k === nJumps ? rules.duration : jumpTimes[k];
    const share = rules.rule === 'equal-slip' ? slip / nSliding : slip;
    velocities.push(share / (end - start));
  }
  return { jumpTimes, velocities, hold };
}
