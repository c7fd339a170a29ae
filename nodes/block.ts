import type * as tf from '@tensorflow/tfjs-core';
import type { FusedRule } from './fused';
import type { Params } from './params';

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

export interface IntParam<N extends string = string> {
  name: N;
  type: 'int';
  default: number;
  min: number;
  max: number;
  description: string;
}
interface NumberParam<N extends string = string> {
  name: N;
  type: 'number';
  default: number;
  min?: number;
  max?: number;
  description: string;
}
interface StringParam<N extends string = string> {
  name: N;
  type: 'string';
  default: string;
  pattern?: string;
  description: string;
}
interface EnumParam<N extends string = string, C extends string = string> {
  name: N;
  type: 'enum';
  default: C;
  choices: readonly C[];
  description: string;
}

export type ParamDef = IntParam | NumberParam | StringParam | EnumParam;

type ValueOf<D extends ParamDef> = D extends { type: 'int' | 'number' } ? number : D extends EnumParam<string, infer C> ? C : string;

/** The checked values a list of parameter specs yields: `[param.int('units', …)]` gives `{ units: number }`. */
type ParamsOf<D extends readonly ParamDef[]> = { [S in D[number] as S['name']]: ValueOf<S> };

/**
 * Parameter specs that keep their name and value type, so a block's rules read `params.units`
 * as a number without a cast. The compiler checks values against these specs before any rule runs.
 */
export const param = {
  int: <N extends string>(name: N, spec: Omit<IntParam, 'name' | 'type'>): IntParam<N> => ({ name, type: 'int', ...spec }),
  number: <N extends string>(name: N, spec: Omit<NumberParam, 'name' | 'type'>): NumberParam<N> => ({ name, type: 'number', ...spec }),
  string: <N extends string>(name: N, spec: Omit<StringParam, 'name' | 'type'>): StringParam<N> => ({ name, type: 'string', ...spec }),
  enum: <N extends string, C extends string>(
    name: N,
    spec: { default: NoInfer<C>; choices: readonly C[]; description: string },
  ): EnumParam<N, C> => ({ name, type: 'enum', ...spec }),
};

/** Sizes the dataset fixes: T samples per sequence, J jump slots. */
export interface DataShape {
  samples: number;
  maxJumps: number;
  /** measured channels an imported dataset carries beside the table's fields (`import --extra`), T samples each */
  extra?: readonly string[];
}

export interface ShapeContext<P = Params> {
  params: P;
  inputs: Record<string, ValueType | undefined>;
  data: DataShape;
}

/** A refusal from a shape rule. The rule does not know which node it runs for: the compiler adds the node id. */
interface ShapeError {
  socket: string;
  code: 'shape';
  message: string;
}

/** The output types of a block, or why its inputs cannot be used. */
export type ShapeResult = { ok: true; shapes: Record<string, ValueType> } | { ok: false; errors: ShapeError[] };

export function shapes(out: Record<string, ValueType>): ShapeResult {
  return { ok: true, shapes: out };
}

export function problem(socket: string, message: string): ShapeResult {
  return { ok: false, errors: [{ socket, code: 'shape', message }] };
}

export interface WeightSpec {
  name: string;
  shape: number[];
  init: 'glorot' | 'orthogonal-gates' | 'zeros';
}

interface EmitContext<P = Params> {
  params: P;
  inputs: Record<string, tf.Tensor>;
  types: Record<string, ValueType>;
  weights: Record<string, tf.Variable>;
  /** a dataset field of the current batch, for the data ports and top-level Input blocks */
  field(name: string): tf.Tensor;
}

/** Where the catalogue and the canvas show a block; what it does is its role. */
type Category = 'data' | 'layer' | 'op' | 'loss' | 'structure';

/**
 * What the compiler does with a block besides running its rules. Parameter and socket names
 * here are the block's own, so the knowledge sits in the block file.
 */
type BlockRole =
  /**
   * Computes its outputs from its inputs. `lossWeight` names the input of a block that weights a
   * loss term (Scale): metrics report each term also before its weights, as the paper's tables do,
   * by following that input back.
   */
  | { kind: 'op'; lossWeight?: string }
  /** reads one dataset field of the batch */
  | { kind: 'source'; field: string }
  /**
   * One end of a graph, named by the `name` parameter. Inside a sub-graph it becomes a socket of
   * the Subgraph block that uses the file. At the top level an input port reads the dataset field
   * of its name and must carry the kind its `carries` parameter declares; an output port is a
   * named result of the graph, fed through `input`.
   */
  | { kind: 'port'; side: 'in'; name: string; carries: string }
  | { kind: 'port'; side: 'out'; name: string; input: string }
  /** a named term of the training objective (named by `name`), the batch mean of what arrives on `input` */
  | { kind: 'term'; name: string; input: string }
  /** another graph file, named by the `file` parameter relative to this one, inlined by the compiler */
  | { kind: 'subgraph'; file: string };

export interface BlockDef<P = Params> {
  type: string;
  category: Category;
  role: BlockRole;
  description: string;
  inputs: readonly InputSocket[];
  outputs: readonly OutputSocket[];
  params: readonly ParamDef[];
  inferShape(ctx: ShapeContext<P>): ShapeResult;
  weights?(ctx: ShapeContext<P>): WeightSpec[];
  emit(ctx: EmitContext<P>): Record<string, tf.Tensor>;
  /** forward and backward on plain arrays, for the fused loss network; absent: the graph's loss runs as tfjs ops */
  fused?: FusedRule<P>;
  /** the short text after the type in a block's title on the canvas (` ×0.5`, ` "ME"`) */
  summary?(params: P): string;
}

/**
 * A block whose rules see its parameters typed by its specs. The specs travel as a literal tuple
 * (`params: [param.int('units', …)]`), and every rule then reads `params.units` as a number.
 */
export function defineBlock<const D extends readonly ParamDef[]>(def: BlockDef<ParamsOf<D>> & { params: D }): BlockDef<ParamsOf<D>> {
  return def;
}

/** The dataset field a block reads with the given checked params, if it reads one: a data port, or a top-level Input. */
export function fieldRead(block: BlockDef, params: Params): string | undefined {
  const r = block.role;
  if (r.kind === 'source') return r.field;
  if (r.kind === 'port' && r.side === 'in') return String(params[r.name]);
  return undefined;
}

export function describeType(t: ValueType): string {
  return t.shape.length ? `${t.kind}[${t.shape.join('×')}]` : t.kind;
}

export function sameShape(a: ValueType, b: ValueType): boolean {
  return a.shape.length === b.shape.length && a.shape.every((d, i) => d === b.shape[i]);
}
