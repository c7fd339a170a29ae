import { InputError, requireInteger } from '../util/inputError';
import { createRng, permutation } from '../util/random';
import { type SequenceFields, sequenceFields } from './fields';
import { type GeneratedProtocol, generateProtocol, type ProtocolRules, paperRules, velocityRules } from './generator';
import type { DetectedProtocol } from './importExperiments';
import { characteristic, paperParams, type RsfParams, validateRsfParams } from './params';
import { linspace } from './sampling';
import { simulate } from './simulate';

export interface DataConfig extends ProtocolRules {
  count: number;
  seed: number;
  testFraction: number;
  samples: number;
  params: RsfParams;
  vCh: number;
  dmuCh: number;
}

type Split = 'train' | 'test';

/** P: generated, or detected by `import` from a measured experiment */
export interface Sequence<P = GeneratedProtocol | DetectedProtocol> extends SequenceFields {
  protocol: P;
  split: Split;
}

export interface Dataset<P = GeneratedProtocol | DetectedProtocol> {
  config: DataConfig;
  sequences: Sequence<P>[];
}

const defaultDataConfig: Readonly<DataConfig> = Object.freeze({
  ...paperRules,
  count: 15000,
  seed: 0,
  testFraction: 0.2,
  samples: 100,
  params: paperParams,
  ...characteristic,
});

/** Fills defaults and refuses values that would make the generator meaningless. */
export function dataConfig(overrides: Partial<DataConfig> = {}): DataConfig {
  const c: DataConfig = { ...defaultDataConfig, ...overrides, params: validateRsfParams(overrides.params ?? paperParams) };
  const int = (k: keyof DataConfig, min: number, max: number) => requireInteger(c[k] as number, k, min, max);
  int('count', 1, 10_000_000);
  int('seed', 0, 0xffffffff);
  int('samples', 2, 100_000);
  int('minJumps', 1, 64);
  int('maxJumps', c.minJumps, 64);
  if (!velocityRules.includes(c.rule))
    throw new InputError('rule', `must be one of ${velocityRules.join(', ')}, got ${JSON.stringify(c.rule)}`);
  if (!(c.testFraction > 0 && c.testFraction < 1)) throw new InputError('testFraction', `must lie in (0, 1), got ${c.testFraction}`);
  for (const k of ['duration', 'holdVelocity', 'totalSlipDc', 'vCh', 'dmuCh'] as const) {
    if (!(Number.isFinite(c[k]) && c[k] > 0)) throw new InputError(k, `must be a finite number > 0, got ${c[k]}`);
  }
  return c;
}

export function testCount(config: Pick<DataConfig, 'count' | 'testFraction'>): number {
  return Math.round(config.count * config.testFraction);
}

/** 1 for the sequences of the test split: the first testCount of a seeded permutation. */
export function testMask(config: Pick<DataConfig, 'count' | 'testFraction' | 'seed'>): Uint8Array {
  const isTest = new Uint8Array(config.count);
  const perm = permutation(config.count, createRng(config.seed, 'split'));
  for (let i = 0; i < testCount(config); i++) isTest[perm[i]] = 1;
  return isTest;
}

/**
 * The paper's synthetic dataset. Protocols come from the 'data' stream in order, so the first
 * N sequences of a larger dataset equal a dataset of N with the same seed; the split comes from
 * its own 'split' stream.
 */
export function generateDataset(config: DataConfig, onProgress?: (done: number) => void): Dataset<GeneratedProtocol> {
  const rng = createRng(config.seed, 'data');
  const t = linspace(0, config.duration, config.samples);
  const isTest = testMask(config);
  const sequences: Sequence<GeneratedProtocol>[] = [];
  for (let i = 0; i < config.count; i++) {
    const protocol = generateProtocol(rng, config.params, config);
    const sim = simulate({ params: config.params, duration: config.duration, ...protocol }, t, config.dmuCh);
    const fields = sequenceFields(sim, protocol.jumpTimes, protocol.hold, config.vCh, config.maxJumps);
    sequences.push({ protocol, split: isTest[i] ? 'test' : 'train', ...fields });
    if (onProgress && (i + 1) % 500 === 0) onProgress(i + 1);
  }
  onProgress?.(config.count);
  return { config, sequences };
}
