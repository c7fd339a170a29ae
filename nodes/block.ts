import type * as tf from '@tensorflow/tfjs';
import type { FusedRule } from './fused';

/**
 * What flows on a wire, per sequence (the batch axis is implicit):
 * - sequence: one value per time step, shape [T] or [T, F]
 * - jumps:    one value per velocity jump, shape [J]
 * - scalar:   one number per sequence, shape []
 * - index:    0-based sample positions from the dataset, shape [] or [J], int32
 */
export type Kind = 'sequence' | 'jumps' | 'scalar' | 'index';
export const kinds: readonly Kind[] = ['sequence', 'jumps', 'scalar', 'index'];

export interface ValueType {
  kind: Kind;
  shape: number[];
}

interface InputSocket {
  name: string;
  accepts: readonly Kind[];
  /** an unconnected optional input falls back to a parameter */
  optional?: boolean;
  description?: string;
}

interface OutputSocket {
  name: string;
  description?: string;
}

export type ParamDef =
  | { name: string; type: 'int'; default: number; min: number; max: number; description: string }
  | { name: string; type: 'number'; default: number; min?: number; max?: number; description: string }
  | { name: string; type: 'string'; default: string; pattern?: string; description: string }
  | { name: string; type: 'enum'; default: string; choices: readonly string[]; description: string };

export type Params = Record<string, number | string>;

/** Sizes the dataset fixes: T samples per sequence, J jump slots. */
export interface DataShape {
  samples: number;
  maxJumps: number;
}

export interface ShapeContext {
  params: Params;
  inputs: Record<string, ValueType | undefined>;
  data: DataShape;
}

/** A refusal from a shape rule; the compiler adds the node id. */
export interface ShapeProblem {
  problem: { socket: string; message: string };
}

export type ShapeResult = Record<string, ValueType> | ShapeProblem;

export interface WeightSpec {
  name: string;
  shape: number[];
  init: 'glorot' | 'orthogonal-gates' | 'zeros';
}

interface EmitContext {
  params: Params;
  inputs: Record<string, tf.Tensor>;
  types: Record<string, ValueType>;
  weights: Record<string, tf.Variable>;
  /** a dataset field of the current batch, for the data ports and top-level Input blocks */
  field(name: string): tf.Tensor;
}

type Category = 'data' | 'layer' | 'op' | 'loss' | 'structure';

export interface BlockDef {
  type: string;
  category: Category;
  description: string;
  inputs: readonly InputSocket[];
  outputs: readonly OutputSocket[];
  params: readonly ParamDef[];
  inferShape(ctx: ShapeContext): ShapeResult;
  weights?(ctx: ShapeContext): WeightSpec[];
  emit(ctx: EmitContext): Record<string, tf.Tensor>;
  /** forward and backward on plain arrays, for the fused loss network; absent: the graph's loss runs as tfjs ops */
  fused?: FusedRule;
}

export function isProblem(r: ShapeResult): r is ShapeProblem {
  return 'problem' in r && typeof (r as ShapeProblem).problem === 'object' && !('kind' in (r as ShapeProblem).problem);
}

export function problem(socket: string, message: string): ShapeProblem {
  return { problem: { socket, message } };
}

export function describeType(t: ValueType): string {
  return t.shape.length ? `${t.kind}[${t.shape.join('×')}]` : t.kind;
}

export function sameShape(a: ValueType, b: ValueType): boolean {
  return a.shape.length === b.shape.length && a.shape.every((d, i) => d === b.shape[i]);
}
