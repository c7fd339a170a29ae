import type { Rng } from '../util/random';
import type { SequenceFields } from './fields';

/** Measurement noise (SPEC §6): σ of the targets in units of δμch, relative σ of the velocities. */
export interface NoiseConfig {
  mu: number;
  v: number;
}

/**
 * Adds noise to what an experiment measures (Targets, Features, MeanV), in place, after every
 * loss field was derived from the clean protocol: PosBeforeJ, DeltaF, Nh, LogTerms, HoldPairs,
 * LogVRatio and JumpPairs stay exact. Draw order per sequence: Targets, then Features, then
 * MeanV; a zero σ draws nothing, so a noiseless dataset consumes no noise numbers.
 */
export function addNoise(f: SequenceFields, noise: NoiseConfig, rng: Rng): void {
  if (noise.mu > 0) for (let i = 0; i < f.Targets.length; i++) f.Targets[i] += noise.mu * rng.normal();
  if (noise.v > 0) {
    for (let i = 0; i < f.Features.length; i++) f.Features[i] *= 1 + noise.v * rng.normal();
    for (let i = 0; i < f.MeanV.length; i++) f.MeanV[i] *= 1 + noise.v * rng.normal();
  }
}
