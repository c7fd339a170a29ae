import { type Plan, weightName } from '../compile/plan';
import type { NamedWeights, OptimizerState } from './types';

/** The weights a compiled graph trains, by name, with their shapes. */
function expectedWeights(plan: Plan): Map<string, number[]> {
  const out = new Map<string, number[]>();
  for (const s of plan.steps) for (const w of s.weights) out.set(weightName(s.id, w.name), [...w.shape]);
  return out;
}

const shapeText = (s: readonly number[]) => `[${s.join(', ')}]`;

/**
 * Why saved weights cannot be loaded into this graph, or undefined when every weight the graph
 * trains is there with its shape and nothing else is. A mismatch is never filled in with random
 * values: a staged run that silently starts from scratch gives wrong numbers that look right.
 */
export function weightsMismatch(plan: Plan, weights: NamedWeights, what = 'weight'): string | undefined {
  const expected = expectedWeights(plan);
  for (const [name, shape] of expected) {
    const w = weights[name];
    if (!w) return `${what} '${name}' is missing (the graph expects shape ${shapeText(shape)})`;
    if (shapeText(w.shape) !== shapeText(shape))
      return `${what} '${name}' has shape ${shapeText(w.shape)}, the graph expects ${shapeText(shape)}`;
  }
  const extra = Object.keys(weights).find((k) => !expected.has(k));
  if (extra) return `${what} '${extra}' is not a weight of this graph (shape ${shapeText(weights[extra].shape)})`;
  return undefined;
}

/**
 * Why a checkpoint's Adam moments do not fit this graph. After the first step they must be there
 * (resuming without them gives different numbers), each with its weight's shape; a weight that
 * never got a gradient has none, so absent names are allowed.
 */
export function optimizerMismatch(plan: Plan, state: OptimizerState): string | undefined {
  const expected = expectedWeights(plan);
  for (const [label, moments] of [
    ["Adam's first moments (optimizer.m)", state.m],
    ["Adam's second moments (optimizer.v)", state.v],
  ] as const) {
    if (state.step > 0 && expected.size > 0 && Object.keys(moments).length === 0)
      return `${label} are missing after ${state.step} steps; resuming without them would not continue the run exactly`;
    for (const [name, w] of Object.entries(moments)) {
      const shape = expected.get(name);
      if (!shape) return `${label} name '${name}', which is not a weight of this graph`;
      if (shapeText(w.shape) !== shapeText(shape))
        return `${label} of '${name}' have shape ${shapeText(w.shape)}, the graph expects ${shapeText(shape)}`;
    }
  }
  return undefined;
}
