import type { BlockDef, DataShape, ValueType, WeightSpec } from '../../nodes/block';
import type { Params } from '../../nodes/params';
import type { SocketRef } from '../graph';

export interface PlanStep {
  id: string;
  block: BlockDef;
  params: Params;
  /** where each connected input comes from */
  inputs: Record<string, SocketRef>;
  inputTypes: Record<string, ValueType>;
  outputTypes: Record<string, ValueType>;
  weights: WeightSpec[];
}

export interface LossTerm {
  name: string;
  /** the weighted contribution to the objective */
  value: SocketRef;
  /** the same term before the Scale blocks that weight it */
  raw: SocketRef;
}

export interface SocketTypes {
  inputs: Record<string, ValueType>;
  outputs: Record<string, ValueType>;
}

/** A checked graph in execution order: everything needed to build and run it. */
export interface Plan {
  steps: PlanStep[];
  outputs: Record<string, SocketRef>;
  losses: LossTerm[];
  /** term blocks (Loss) with nothing wired in, left out of the objective: node id and term name */
  inactive: { id: string; name: string }[];
  data: DataShape;
  /** dataset fields the steps read */
  fields: string[];
  /** the inferred type on every socket, by top-level node id, for the editor */
  socketTypes: Record<string, SocketTypes>;
  /** ids of the steps that compute Predictions: the main net kept after training */
  mainNet: string[];
}

export type CompileResult =
  | { ok: true; plan: Plan }
  | { ok: false; errors: import('./errors').CompileError[]; socketTypes: Record<string, SocketTypes> };

export function weightName(stepId: string, weight: string): string {
  return `${stepId}/${weight}`;
}

export function trainableCount(plan: Plan): number {
  return plan.steps.reduce((n, s) => n + s.weights.reduce((m, w) => m + w.shape.reduce((a, b) => a * b, 1), 0), 0);
}
