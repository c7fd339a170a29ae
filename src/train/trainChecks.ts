import type { Plan } from '../compile/plan';
import { InputError, requireInteger } from '../util/inputError';
import { checkSchedule } from './schedule';
import type { SplitData, TrainOptions } from './types';

/** Refuses a run that could only fail later, naming the setting. */
export function checkTrainOptions(plan: Plan, data: SplitData, o: TrainOptions): void {
  requireInteger(o.epochs, 'epochs', 1);
  requireInteger(o.batchSize, 'batchSize', 1);
  requireInteger(o.seed, 'seed', 0);
  if (!(Number.isFinite(o.learningRate) && o.learningRate > 0))
    throw new InputError('learningRate', `must be a finite number > 0, got ${o.learningRate}`);
  checkSchedule(o.schedule, o.learningRate);
  if (o.divergence !== undefined && !(o.divergence > 1))
    throw new InputError('divergence', `must be a number > 1 (a factor over the lowest loss), got ${o.divergence}`);
  if (o.resume && o.resume.epoch > o.epochs)
    throw new InputError('epochs', `is ${o.epochs}, but the run to resume has already done ${o.resume.epoch}`);
  if (data.train.count === 0) throw new InputError('data', 'has no training sequences');
  if (data.test.count === 0) throw new InputError('data', 'has no test sequences');
  if (!plan.outputs.Predictions) throw new InputError('graph', "has no Output named 'Predictions': there is no main net to train");
  if (plan.losses.length === 0)
    throw new InputError(
      'graph',
      plan.inactive.length
        ? `has no Loss block with anything wired in (${plan.inactive.map((t) => t.id).join(', ')}): there is nothing to minimise`
        : 'has no Loss block: there is nothing to minimise',
    );
  if (plan.data.samples !== data.train.samples || plan.data.maxJumps !== data.train.maxJumps) {
    throw new InputError(
      'graph',
      `was compiled for ${plan.data.samples} samples and ${plan.data.maxJumps} jumps, the data has ${data.train.samples} and ${data.train.maxJumps}`,
    );
  }
}

/** Why a hot swap cannot be applied, or undefined when it can. */
export function swapRefusal(current: Plan, next: Plan): string | undefined {
  if (!next.outputs.Predictions) return "the new graph has no Output named 'Predictions'";
  if (next.losses.length === 0)
    return next.inactive.length ? 'every Loss block of the new graph is unplugged' : 'the new graph has no Loss block';
  if (next.data.samples !== current.data.samples || next.data.maxJumps !== current.data.maxJumps)
    return 'the new graph expects other data shapes';
  return undefined;
}
