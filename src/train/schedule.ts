import type { Schedule } from '../graph';
import { InputError } from '../util/inputError';

/**
 * Learning-rate schedules (`run.training.schedule`). The rate is set once per epoch from the
 * epoch's index alone, so a resumed run, which restarts at an epoch boundary, gets exactly the
 * rates an uninterrupted run would have had; a staged run (`--init`) starts its own schedule.
 */
/**
 * The rate for the epoch with 0-based index `epoch` of `epochs`:
 * - constant: base;
 * - cosine: min + (base − min)(1 + cos(π epoch / epochs)) / 2, base in the first epoch;
 * - step: base · factor^⌊epoch / every⌋.
 */
export function learningRateAt(base: number, schedule: Schedule | undefined, epoch: number, epochs: number): number {
  const s = schedule ?? { type: 'constant' };
  if (s.type === 'cosine') return s.min + ((base - s.min) * (1 + Math.cos((Math.PI * epoch) / epochs))) / 2;
  if (s.type === 'step') return base * s.factor ** Math.floor(epoch / s.every);
  return base;
}

/** Refuses a schedule that names an unknown type or has a bad field, naming the field. */
export function checkSchedule(schedule: Schedule | undefined, base: number, field = 'schedule'): void {
  if (schedule === undefined) return;
  const s = schedule as { type?: unknown; min?: unknown; every?: unknown; factor?: unknown };
  if (s.type === 'constant') return;
  if (s.type === 'cosine') {
    if (typeof s.min !== 'number' || !Number.isFinite(s.min) || s.min < 0 || s.min > base)
      throw new InputError(`${field}.min`, `must be a number in [0, learningRate = ${base}], got ${JSON.stringify(s.min)}`);
    return;
  }
  if (s.type === 'step') {
    if (typeof s.every !== 'number' || !Number.isInteger(s.every) || s.every < 1)
      throw new InputError(`${field}.every`, `must be an integer >= 1 (epochs), got ${JSON.stringify(s.every)}`);
    if (typeof s.factor !== 'number' || !Number.isFinite(s.factor) || s.factor <= 0)
      throw new InputError(`${field}.factor`, `must be a number > 0, got ${JSON.stringify(s.factor)}`);
    return;
  }
  throw new InputError(`${field}.type`, `must be constant, cosine or step, got ${JSON.stringify(s.type)}`);
}
