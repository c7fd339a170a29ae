import type { Rng } from '../util/random';
import type { RsfParams } from './params';
import { drawRamps, drawSine, type VelocityShape, velocityAt } from './velocityShape';

export type VelocityRule = 'equal-slip' | 'literal';
export const velocityRules: readonly VelocityRule[] = ['equal-slip', 'literal'];

/** Which interval may hold: 'interior' (never first, never last: SPEC §6) or 'not-first' (wave 1). */
export type HoldRule = 'interior' | 'not-first';
export const holdRules: readonly HoldRule[] = ['interior', 'not-first'];

/** Where jumps fall: anywhere in (0, T) ('uniform'), or on sample instants ('grid'). */
export type Timing = 'uniform' | 'grid';
export const timings: readonly Timing[] = ['uniform', 'grid'];

/**
 * What kind of protocol each sequence follows: 'jumps', the paper's (II.B), or 'shs', the
 * classic slide-hold-slide of healing experiments, 'ramps' (linear ramps between velocities),
 * 'sine' (oscillations about a mean; velocityShape.ts), or 'mixed': each sequence one of the four,
 * evenly. Absent means 'jumps', so configs and dataset hashes from before the setting existed stay
 * as they were.
 */
export type ProtocolKind = 'jumps' | 'shs' | 'ramps' | 'sine' | 'mixed';
export const protocolKinds: readonly ProtocolKind[] = ['jumps', 'shs', 'ramps', 'sine', 'mixed'];

/** The paper's virtual-experiment rules (II.B); every number here is a default from the paper. */
export interface ProtocolRules {
  protocol?: ProtocolKind;
  duration: number;
  minJumps: number;
  maxJumps: number;
  holdVelocity: number;
  /** total slip in units of Dc */
  totalSlipDc: number;
  rule: VelocityRule;
  hold: HoldRule;
  timing: Timing;
}

export const paperRules: Readonly<ProtocolRules> = Object.freeze({
  duration: 0.013,
  minJumps: 2,
  maxJumps: 5,
  holdVelocity: 2e-9,
  totalSlipDc: 30,
  rule: 'equal-slip' as VelocityRule,
  hold: 'interior' as HoldRule,
  timing: 'uniform' as Timing,
});

export interface GeneratedProtocol {
  /** 'ramps' and 'sine': the velocity between jumps (there are none: jumpTimes is empty) */
  shape?: VelocityShape;
  jumpTimes: number[];
  velocities: number[];
  /** index of the hold interval in velocities (never 0; never the last under 'interior') */
  hold: number;
}

/**
 * Jump times on sample instants: distinct indices drawn uniformly from 1..samples-2 (a jump
 * must lie strictly inside (0, T)), sorted. Redrawing a repeated index keeps every set of
 * indices equally likely.
 */
function gridJumpTimes(rng: Rng, nJumps: number, sampleTimes: Float64Array): number[] {
  const inner = sampleTimes.length - 2;
  const picked = new Set<number>();
  while (picked.size < nJumps) picked.add(1 + rng.int(inner));
  return [...picked].sort((x, y) => x - y).map((i) => sampleTimes[i]);
}

/** The shortest and longest hold of 'shs', as fractions of the duration: three decades apart. */
export const shsHoldRange = Object.freeze({ min: 1 / 2000, max: 1 / 2 });

/**
 * Slide-hold-slide: slide at V until t1, hold for t_h, slide at V again until T. Draw order: t1
 * uniform in [T/10, 2T/5], then t_h log-uniform over [T/2000, T/2] (three decades, so healing
 * can be read against log t_h); V gives the first slide half the total slip.
 */
function shsProtocol(rng: Rng, params: RsfParams, rules: ProtocolRules): GeneratedProtocol {
  const t1 = rules.duration * (0.1 + 0.3 * rng.open());
  const hold = rules.duration * shsHoldRange.min * (shsHoldRange.max / shsHoldRange.min) ** rng.open();
  const v = (rules.totalSlipDc * params.dc) / 2 / t1;
  return { jumpTimes: [t1, t1 + hold], velocities: [v, rules.holdVelocity, v], hold: 1 };
}

/**
 * One virtual experiment. Draw order (fixed, part of the reproducibility contract): number of
 * jumps, then the jump times, then which interval holds.
 *
 * 'equal-slip' gives every sliding interval D / n_sliding of slip, so the total is D = 30 Dc as
 * the paper states; 'literal' is the paper's sentence taken word for word (V_i = D / dt_i), whose
 * total slip is D times the number of sliding intervals.
 */
export function generateProtocol(rng: Rng, params: RsfParams, rules: ProtocolRules, sampleTimes: Float64Array): GeneratedProtocol {
  if (rules.protocol === 'shs') return shsProtocol(rng, params, rules);
  if (rules.protocol === 'ramps' || rules.protocol === 'sine') {
    const shape = rules.protocol === 'ramps' ? drawRamps(rng, rules.duration) : drawSine(rng, params.dc);
    return { shape, jumpTimes: [], velocities: [velocityAt(shape, 0)], hold: 0 };
  }
  // 'mixed': one draw picks the kind, then that kind's own draws follow
  if (rules.protocol === 'mixed') {
    const kind = (['jumps', 'shs', 'ramps', 'sine'] as const)[Math.min(3, Math.floor(4 * rng.open()))];
    return generateProtocol(rng, params, { ...rules, protocol: kind }, sampleTimes);
  }
  const nJumps = rules.minJumps + rng.int(rules.maxJumps - rules.minJumps + 1);
  let jumpTimes: number[];
  if (rules.timing === 'grid') jumpTimes = gridJumpTimes(rng, nJumps, sampleTimes);
  else {
    const fractions: number[] = [];
    for (let i = 0; i < nJumps; i++) fractions.push(rng.open());
    fractions.sort((x, y) => x - y);
    jumpTimes = fractions.map((f) => f * rules.duration);
  }
  // intervals 1..nJumps may hold under 'not-first'; 'interior' also leaves out the last, nJumps
  const hold = 1 + rng.int(rules.hold === 'interior' ? nJumps - 1 : nJumps);
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
