import type { Plan } from '../compile/plan';
import { swapRefusal } from './trainChecks';

/** A recorded edit (run.edits) as training replays it: it takes effect once `step` steps are done. */
export interface ReplayedEdit {
  step: number;
  plan: Plan;
  note: string;
}

/**
 * The graph a replayed run trains after `step` optimizer steps, and how many of its edits that
 * takes: every edit up to that step, each one kept or refused exactly as the run swapped it.
 * A resumed run starts from here, so the epoch it trains again is the epoch the run trained.
 */
export function planAtStep(first: Plan, edits: readonly ReplayedEdit[], step: number): { plan: Plan; applied: number } {
  let plan = first;
  let applied = 0;
  for (; applied < edits.length && edits[applied].step <= step; applied++)
    if (!swapRefusal(plan, edits[applied].plan)) plan = edits[applied].plan;
  return { plan, applied };
}
