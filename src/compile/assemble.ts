import { type DataShape, fieldRead } from '../../nodes/block';
import type { SocketRef } from '../graph';
import type { FlatGraph } from './expand';
import type { LossTerm, Plan, PlanStep, SocketTypes } from './plan';
import type { ResolvedNode } from './resolveBlocks';

/**
 * The inferred type on every socket the editor draws, by top-level node id: a top-level block's
 * own sockets, and a Subgraph block's sockets from the pass-throughs behind them.
 */
export function collectSocketTypes(
  steps: readonly PlanStep[],
  nodes: ReadonlyMap<string, ResolvedNode>,
  boundaries: FlatGraph['boundaries'],
): Record<string, SocketTypes> {
  const out: Record<string, SocketTypes> = {};
  const byId = new Map(steps.map((s) => [s.id, s]));
  for (const s of steps) {
    if (nodes.get(s.id)!.path.length === 1) out[s.id] = { inputs: s.inputTypes, outputs: s.outputTypes };
  }
  for (const [id, b] of boundaries) {
    const t: SocketTypes = { inputs: {}, outputs: {} };
    for (const [name, inner] of b.inputs) {
      const s = byId.get(inner);
      if (s?.inputTypes.in) t.inputs[name] = s.inputTypes.in;
    }
    for (const [name, inner] of b.outputs) {
      const s = byId.get(inner);
      if (s?.outputTypes.out) t.outputs[name] = s.outputTypes.out;
    }
    out[id] = t;
  }
  return out;
}

/**
 * Phase 7: the plan of a graph without errors. Only the steps that some output or loss term
 * needs are kept; the main net is what computes the output Predictions.
 */
export function assemblePlan(
  steps: readonly PlanStep[],
  outputs: Record<string, SocketRef>,
  losses: LossTerm[],
  data: DataShape,
  socketTypes: Record<string, SocketTypes>,
  inactive: Plan['inactive'] = [],
): Plan {
  const needed = upstream(steps, [...Object.values(outputs), ...losses.map((l) => l.value)]);
  const kept = steps.filter((s) => needed.has(s.id));
  const mainNet = outputs.Predictions ? upstream(kept, [outputs.Predictions]) : new Set<string>();
  const fields = new Set<string>();
  for (const s of kept) {
    const f = fieldRead(s.block, s.params);
    if (f !== undefined) fields.add(f);
  }
  return {
    steps: kept,
    outputs,
    losses,
    inactive,
    data,
    fields: [...fields],
    socketTypes,
    mainNet: kept.filter((s) => mainNet.has(s.id)).map((s) => s.id),
  };
}

function upstream(steps: readonly PlanStep[], refs: SocketRef[]): Set<string> {
  const byId = new Map(steps.map((s) => [s.id, s]));
  const seen = new Set<string>();
  const stack = refs.map((r) => r.node);
  while (stack.length) {
    const id = stack.pop()!;
    if (seen.has(id)) continue;
    seen.add(id);
    for (const r of Object.values(byId.get(id)?.inputs ?? {})) stack.push(r.node);
  }
  return seen;
}
