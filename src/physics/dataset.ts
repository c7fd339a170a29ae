import { InputError, requireChoice, requireInteger } from '../util/inputError';
import { createRng, permutation } from '../util/random';
import { defaultDataConfig } from './dataDefaults';
import type { DetectedProtocol } from './detectedProtocol';
import { type SequenceFields, sequenceFields } from './fields';
import { fieldNames } from './fieldTable';
import { type FittedMachine, fittedProtocol, simulateFitted, validateFittedMachine } from './fittedMachine';
import {
  type GeneratedProtocol,
  generateProtocol,
  holdRules,
  type ProtocolRules,
  protocolKinds,
  timings,
  velocityRules,
} from './generator';
import { addNoise, type NoiseConfig } from './noise';
import { paperParams, type RsfParams, validateRsfParams } from './params';
import { linspace } from './sampling';
import { type Simulation, simulate } from './simulate';
import { simulateSpringSlider } from './springSlider';
import { type StateLaw, stateLaws } from './stateLaws';
import { type DataSystem, dataSystems } from './systems';
import { simulateShape } from './velocityShape';

/**
 * Everything that decides a dataset (docs/data.md has the table). This is the one data-config
 * type: the CLI, the graph's run section and the editor all resolve into it.
 */
export interface DataConfig extends ProtocolRules {
  count: number;
  seed: number;
  testFraction: number;
  samples: number;
  params: RsfParams;
  vCh: number;
  dmuCh: number;
  law: StateLaw;
  system: DataSystem;
  /** spring stiffness (friction per metre of load-point displacement), used by 'spring-slider' */
  k: number;
  noise: NoiseConfig;
  /**
   * Measured channels an imported dataset carries per sequence beside the table's fields
   * (`import --extra`), each a data field of that name; absent otherwise, so datasets without
   * them keep their bytes.
   */
  extra?: string[];
  /** a dataset drawn from a fit (`data --from-fit`): the fitted machine and the record's ranges; absent otherwise */
  fromFit?: FittedMachine;
}

type Split = 'train' | 'test';

/** P: generated, or detected by `import` from a measured experiment */
export interface Sequence<P = GeneratedProtocol | DetectedProtocol> extends SequenceFields {
  protocol: P;
  split: Split;
  /** the config's extra channels at the samples, in SI */
  extra?: Record<string, Float64Array>;
}

export interface Dataset<P = GeneratedProtocol | DetectedProtocol> {
  config: DataConfig;
  sequences: Sequence<P>[];
}

/** (b − a)/Dc: below it a single-state spring-slider is unstable under steady loading. */
export function criticalStiffness(p: RsfParams): number {
  return (p.b - p.a) / p.dc;
}

/** Fills defaults and refuses values that would make the generator meaningless. */
/** What callers may set: any setting, and any of the rate-and-state parameters on their own. */
export type DataOverrides = Partial<Omit<DataConfig, 'params'>> & { params?: Partial<RsfParams> };

export function dataConfig(overrides: DataOverrides = {}): DataConfig {
  const c: DataConfig = {
    ...defaultDataConfig,
    ...overrides,
    // a partial params object (run.data.params: {"a": 0.008}) keeps the paper's other values
    params: validateRsfParams({ ...paperParams, ...overrides.params }),
    noise: { ...defaultDataConfig.noise, ...overrides.noise },
  };
  const int = (k: keyof DataConfig, min: number, max: number) => requireInteger(c[k] as number, k, min, max);
  int('count', 1, 10_000_000);
  int('seed', 0, 0xffffffff);
  int('samples', 2, 100_000);
  int('minJumps', c.hold === 'interior' ? 2 : 1, 64);
  int('maxJumps', c.minJumps, c.timing === 'grid' ? Math.min(64, c.samples - 2) : 64);
  if (!velocityRules.includes(c.rule))
    throw new InputError('rule', `must be one of ${velocityRules.join(', ')}, got ${JSON.stringify(c.rule)}`);
  requireChoice(c.law, 'law', stateLaws);
  requireChoice(c.system, 'system', dataSystems);
  requireChoice(c.hold, 'hold', holdRules);
  requireChoice(c.timing, 'timing', timings);
  if (c.protocol !== undefined) {
    requireChoice(c.protocol, 'protocol', protocolKinds);
    // the paper's protocol is the absent setting, so its configs and dataset hashes never change
    if (c.protocol === 'jumps') delete c.protocol;
    else if (c.system !== 'direct' && c.protocol !== 'shs')
      throw new InputError('protocol', `${c.protocol} drives the slider's velocity directly; it takes system direct, got ${c.system}`);
    else if (c.maxJumps < 2)
      throw new InputError('maxJumps', `must be at least 2 for protocol ${c.protocol} (its two jumps), got ${c.maxJumps}`);
    else if (c.timing === 'grid')
      throw new InputError('protocol', `${c.protocol} draws its own jump times; it takes timing uniform, got grid`);
  }
  if (c.extra !== undefined) checkExtra(c.extra);
  if (c.fromFit !== undefined) {
    c.fromFit = validateFittedMachine(c.fromFit);
    if (c.system !== 'spring-slider')
      throw new InputError('system', `must be spring-slider for a dataset drawn from a fit, got ${c.system}`);
  }
  if (!(c.testFraction > 0 && c.testFraction < 1)) throw new InputError('testFraction', `must lie in (0, 1), got ${c.testFraction}`);
  for (const k of ['duration', 'holdVelocity', 'totalSlipDc', 'vCh', 'dmuCh', 'k'] as const) {
    if (!(Number.isFinite(c[k]) && c[k] > 0)) throw new InputError(k, `must be a finite number > 0, got ${c[k]}`);
  }
  if (!(Number.isFinite(c.noise.mu) && c.noise.mu >= 0)) throw new InputError('noise.mu', `must be a number >= 0, got ${c.noise.mu}`);
  if (!(Number.isFinite(c.noise.v) && c.noise.v >= 0 && c.noise.v < 1))
    throw new InputError('noise.v', `must be a relative standard deviation in [0, 1), got ${c.noise.v}`);
  if (c.system === 'spring-slider' && !(c.k > criticalStiffness(c.params))) {
    const kc = criticalStiffness(c.params);
    throw new InputError(
      'k',
      `must exceed the critical stiffness (b − a)/Dc = ${Number(kc.toPrecision(12))} for the spring-slider, got ${c.k}: a softer spring stick-slips, so the load-point protocol no longer sets the friction`,
    );
  }
  return c;
}

/** Extra channel names become data fields a graph's Input names: identifiers, none a table field's. */
function checkExtra(extra: unknown): void {
  if (!Array.isArray(extra)) throw new InputError('extra', `must be a list of names, got ${JSON.stringify(extra)}`);
  extra.forEach((name, i) => {
    if (typeof name !== 'string' || !/^[A-Za-z][A-Za-z0-9_]{0,63}$/.test(name))
      throw new InputError('extra', `must name fields with letters, digits and _ (a letter first), got ${JSON.stringify(name)}`);
    if ((fieldNames as readonly string[]).includes(name) || name === 'Predictions')
      throw new InputError('extra', `${name} is already a dataset field; name the channel otherwise`);
    if (extra.indexOf(name) !== i) throw new InputError('extra', `names ${name} twice`);
  });
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
 * Dataset targets are stored as float32 for training (7 digits), so the spring-slider runs at a
 * relative tolerance of 1e-10 here rather than `simulate`'s 1e-12, in about half the time.
 */
const datasetOde = { rtol: 1e-10, atol: 1e-12, maxSteps: 2_000_000 };

/** One protocol through the configured system, as the fields expect it (V = the imposed velocity). */
export function simulateProtocol(config: DataConfig, protocol: GeneratedProtocol, t: Float64Array): Simulation {
  const { params: p, duration } = config;
  // a record as long as a lab's has thousands of samples: read them off the continuous extension
  if (config.fromFit) return simulateFitted(config, config.fromFit, protocol, t, { ...datasetOde, dense: true });
  if (protocol.shape) return simulateShape(protocol.shape, p, config.law, t, config.dmuCh);
  if (config.system === 'direct') return simulate({ params: p, duration, law: config.law, ...protocol }, t, config.dmuCh);
  const { jumpTimes, velocities } = protocol;
  const ss = simulateSpringSlider(
    {
      params: { mu0: p.mu0, a: p.a, vRef: p.vRef, k: config.k, states: [{ law: config.law, b: p.b, dc: p.dc }] },
      v0: velocities[0],
      duration,
      jumpTimes,
      velocities,
    },
    t,
    datasetOde,
  );
  // the features are the load-point velocities (what the experimenter imposes), right-continuous
  const V = t.map((ti) => velocities[jumpTimes.filter((tau) => tau <= ti).length]);
  return { t: ss.t, V, theta: ss.thetas[0], mu: ss.mu, dmuNorm: ss.mu.map((m) => (m - ss.mu[0]) / config.dmuCh), slip: ss.slip };
}

/**
 * The synthetic dataset. Protocols come from the 'data' stream in order, so the first N
 * sequences of a larger dataset equal a dataset of N with the same seed; the split comes from
 * its own 'split' stream, and noise from its own 'noise' stream, drawn after the fields.
 */
export function generateDataset(config: DataConfig, onProgress?: (done: number) => void): Dataset<GeneratedProtocol> {
  const rng = createRng(config.seed, 'data');
  const noiseRng = createRng(config.seed, 'noise');
  const t = linspace(0, config.duration, config.samples);
  const isTest = testMask(config);
  const sequences: Sequence<GeneratedProtocol>[] = [];
  for (let i = 0; i < config.count; i++) {
    const protocol = config.fromFit ? fittedProtocol(rng, config, config.fromFit) : generateProtocol(rng, config.params, config, t);
    const sim = simulateProtocol(config, protocol, t);
    // a drawn record without a hold says so with hold 0 (the first interval never holds)
    const hold = protocol.shape || (config.fromFit && protocol.hold === 0) ? null : protocol.hold;
    const fields = sequenceFields(sim, protocol.jumpTimes, hold, config.vCh, config.maxJumps, protocol.velocities);
    // a jump into or out of a hold at V_lp = 0 has no finite log ratio: 0, as a padded jump's (and import's)
    if (config.fromFit) fields.LogVRatio = fields.LogVRatio.map((x) => (Number.isFinite(x) ? x : 0));
    addNoise(fields, config.noise, noiseRng);
    sequences.push({ protocol, split: isTest[i] ? 'test' : 'train', ...fields });
    if (onProgress && (i + 1) % 500 === 0) onProgress(i + 1);
  }
  onProgress?.(config.count);
  return { config, sequences };
}
