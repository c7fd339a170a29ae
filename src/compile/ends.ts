import type { SocketRef } from '../graph';
import { type CompileError, nodeError } from './errors';
import type { LossTerm, PlanStep } from './plan';
import type { ResolvedNode } from './resolveBlocks';

/**
 * Phase 6: what the graph gives: its named outputs (top-level output ports) and the terms of
 * the objective (term blocks), each term also traced back through the blocks that weight it.
 * Two outputs or two terms of one name are refused.
 */
export function collectEnds(
  steps: readonly PlanStep[],
  nodes: ReadonlyMap<string, ResolvedNode>,
): { outputs: Record<string, SocketRef>; losses: LossTerm[]; errors: CompileError[] } {
  const outputs: Record<string, SocketRef> = {};
  const losses: LossTerm[] = [];
  const errors: CompileError[] = [];
  const stepById = new Map(steps.map((s) => [s.id, s]));
  for (const s of steps) {
    const n = nodes.get(s.id)!;
    const role = s.block.role;
    if (role.kind === 'port' && role.side === 'out' && n.path.length === 1) {
      const name = String(s.params[role.name]);
      if (outputs[name]) errors.push(nodeError(n, 'duplicate-name', `two ${s.block.type} blocks are named '${name}'`));
      outputs[name] = s.inputs[role.input];
    }
    if (role.kind === 'term') {
      const name = String(s.params[role.name]);
      if (losses.some((l) => l.name === name))
        errors.push(nodeError(n, 'duplicate-name', `two ${s.block.type} blocks are named '${name}'`));
      const value = s.inputs[role.input];
      losses.push({ name, value, raw: beforeWeights(value, stepById) });
    }
  }
  return { outputs, losses, errors };
}

/** Follows a loss wire back through the blocks that weight it (Scale), to report the term before its weights. */
function beforeWeights(ref: SocketRef, steps: ReadonlyMap<string, PlanStep>): SocketRef {
  let at = ref;
  for (;;) {
    const role = steps.get(at.node)?.block.role;
    if (role?.kind !== 'op' || !role.lossWeight) return at;
    at = steps.get(at.node)!.inputs[role.lossWeight];
  }
}
