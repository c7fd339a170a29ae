import protocolSchema from '../../schema/protocol.schema.json' with { type: 'json' };
import { type SchemaProblem, schemaValidator } from '../util/ajv';
import { describe, InputError, requireArray, requireChoice, requireFiniteNumber, requirePositive } from '../util/inputError';
import { type RsfParams, validateRsfParams } from './params';
import { type StateLaw, stateLaws } from './stateLaws';

/**
 * A velocity protocol: piecewise-constant V with jumps at jumpTimes. velocities[k] holds on
 * [jumpTimes[k-1], jumpTimes[k]) — V is right-continuous, so at a jump instant the new value
 * already applies.
 */
export interface Protocol {
  params: RsfParams;
  duration: number;
  jumpTimes: number[];
  velocities: number[];
  /** initial state; the law's steady state at V(0) when absent */
  theta0?: number;
  /** the state evolution law; aging when absent */
  law?: StateLaw;
}

const [directSchema, springSchema] = protocolSchema.anyOf;
const checkDirect = schemaValidator(directSchema);
const checkSpring = schemaValidator(springSchema);

/**
 * The structure of a protocol file, checked with ajv against schema/protocol.schema.json (the
 * branch its `system` names); the rest (finite values, jump order, lengths) is checked by hand.
 */
export function requireProtocolSchema(raw: unknown): Record<string, unknown> {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new InputError('protocol', `must be a JSON object, got ${describe(raw)}`);
  }
  const obj = raw as Record<string, unknown>;
  if (obj.system !== undefined && obj.system !== 'direct' && obj.system !== 'spring-slider')
    throw new InputError('system', `must be "direct" or "spring-slider", got ${describe(obj.system)}`);
  const problem: SchemaProblem | undefined = (obj.system === 'spring-slider' ? checkSpring : checkDirect)(obj);
  if (problem) throw new InputError(problem.path, problem.message);
  return obj;
}

/** Validates a protocol read from a file; each refusal names the offending field. */
export function validateProtocol(raw: unknown): Protocol {
  const obj = requireProtocolSchema(raw);
  if (obj.system === 'spring-slider')
    throw new InputError('system', 'must be "direct" here (a spring-slider protocol drives simulateSpringSlider)');
  const params = validateRsfParams(obj.params);
  const duration = requirePositive(obj.duration, 'duration');
  const jumpTimes = requireArray(obj.jumpTimes, 'jumpTimes').map((v, i) => requireFiniteNumber(v, `jumpTimes[${i}]`));
  const velocities = requireArray(obj.velocities, 'velocities').map((v, i) => requirePositive(v, `velocities[${i}]`));
  if (velocities.length !== jumpTimes.length + 1) {
    throw new InputError('velocities', `must have one more entry than jumpTimes (${jumpTimes.length + 1}), got ${velocities.length}`);
  }
  jumpTimes.forEach((t, i) => {
    if (t <= 0 || t >= duration) throw new InputError(`jumpTimes[${i}]`, `must lie strictly inside (0, duration=${duration}), got ${t}`);
    if (i > 0 && t <= jumpTimes[i - 1])
      throw new InputError(`jumpTimes[${i}]`, `must be greater than jumpTimes[${i - 1}] = ${jumpTimes[i - 1]}, got ${t}`);
  });
  const protocol: Protocol = { params, duration, jumpTimes, velocities };
  if (obj.theta0 !== undefined) protocol.theta0 = requirePositive(obj.theta0, 'theta0');
  if (obj.law !== undefined) protocol.law = requireChoice(obj.law, 'law', stateLaws);
  return protocol;
}

/** Sample instants given by a user: finite, within [0, duration], non-decreasing. */
export function validateSampleTimes(raw: unknown, duration: number): Float64Array {
  const list = requireArray(raw, 'sampleTimes');
  if (list.length === 0) throw new InputError('sampleTimes', 'must not be empty');
  const t = new Float64Array(list.length);
  list.forEach((v, i) => {
    const x = requireFiniteNumber(v, `sampleTimes[${i}]`);
    if (x < 0 || x > duration) throw new InputError(`sampleTimes[${i}]`, `must lie in [0, duration=${duration}], got ${x}`);
    if (i > 0 && x < t[i - 1]) throw new InputError(`sampleTimes[${i}]`, `must not be smaller than sampleTimes[${i - 1}]`);
    t[i] = x;
  });
  return t;
}
