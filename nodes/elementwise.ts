import type * as tf from '@tensorflow/tfjs-core';
import { type BlockDef, describeType, type Kind, problem, type ShapeContext, type ShapeResult, sameShape, shapes } from './block';
import type { FusedRule } from './fused';

export const floatKinds: readonly Kind[] = ['sequence', 'jumps', 'scalar'];

function sameTypes({ inputs }: ShapeContext): ShapeResult {
  const a = inputs.a!,
    b = inputs.b!;
  if (a.kind !== b.kind || !sameShape(a, b)) {
    return problem('b', `must match a: a is ${describeType(a)}, b is ${describeType(b)} (use Replicate, Part or Gather to line them up)`);
  }
  return shapes({ out: a });
}

/** An entry-by-entry rule of two inputs: the value, and the gradient's share for a and for b given g = dLoss/dOut. */
export interface BinaryRule {
  forward(a: number, b: number): number;
  da(a: number, b: number, g: number): number;
  db(a: number, b: number, g: number): number;
}

/** Two inputs of one type in, the same type out, computed entry by entry. */
export function binary(
  type: string,
  description: string,
  op: (a: tf.Tensor, b: tf.Tensor) => tf.Tensor,
  rule: BinaryRule,
): BlockDef<unknown> {
  const fused: FusedRule<unknown> = {
    forward: (_, { a, b }, { out }) => {
      for (let i = 0; i < out.length; i++) out[i] = rule.forward(a[i], b[i]);
    },
    backward: (_, { a, b }, __, { out: g }, { a: da, b: db }) => {
      for (let i = 0; i < g.length; i++) {
        da[i] += rule.da(a[i], b[i], g[i]);
        db[i] += rule.db(a[i], b[i], g[i]);
      }
    },
  };
  return {
    type,
    category: 'op',
    role: { kind: 'op' },
    description,
    inputs: [
      { name: 'a', accepts: floatKinds },
      { name: 'b', accepts: floatKinds },
    ],
    outputs: [{ name: 'out' }],
    params: [],
    inferShape: sameTypes,
    emit: ({ inputs }) => ({ out: op(inputs.a, inputs.b) }),
    fused,
  };
}

/** An entry-by-entry rule of one input: the value, and dLoss/dx given g = dLoss/dOut. */
export interface UnaryRule {
  forward(x: number): number;
  dx(x: number, g: number): number;
}

export function unary(type: string, description: string, op: (x: tf.Tensor) => tf.Tensor, rule: UnaryRule): BlockDef<unknown> {
  const fused: FusedRule<unknown> = {
    forward: (_, { x }, { out }) => {
      for (let i = 0; i < out.length; i++) out[i] = rule.forward(x[i]);
    },
    backward: (_, { x }, __, { out: g }, { x: dx }) => {
      for (let i = 0; i < g.length; i++) dx[i] += rule.dx(x[i], g[i]);
    },
  };
  return {
    type,
    category: 'op',
    role: { kind: 'op' },
    description,
    inputs: [{ name: 'x', accepts: floatKinds }],
    outputs: [{ name: 'out' }],
    params: [],
    inferShape: ({ inputs }) => shapes({ out: inputs.x! }),
    emit: ({ inputs }) => ({ out: op(inputs.x) }),
    fused,
  };
}

/** Axes 1..rank-1: everything but the batch. */
export function perSequenceAxes(x: tf.Tensor): number[] {
  return Array.from({ length: x.rank - 1 }, (_, i) => i + 1);
}
