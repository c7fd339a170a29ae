import type * as tf from '@tensorflow/tfjs';
import { type BlockDef, describeType, type Kind, problem, type ShapeContext, type ShapeResult, sameShape } from './block';

export const floatKinds: readonly Kind[] = ['sequence', 'jumps', 'scalar'];

function sameTypes({ inputs }: ShapeContext): ShapeResult {
  const a = inputs.a!,
    b = inputs.b!;
  if (a.kind !== b.kind || !sameShape(a, b)) {
    return problem('b', `must match a: a is ${describeType(a)}, b is ${describeType(b)} (use Replicate, Part or Gather to line them up)`);
  }
  return { out: a };
}

/** Two inputs of one type in, the same type out, computed entry by entry. */
export function binary(type: string, description: string, op: (a: tf.Tensor, b: tf.Tensor) => tf.Tensor): BlockDef {
  return {
    type,
    category: 'op',
    description,
    inputs: [
      { name: 'a', accepts: floatKinds },
      { name: 'b', accepts: floatKinds },
    ],
    outputs: [{ name: 'out' }],
    params: [],
    inferShape: sameTypes,
    emit: ({ inputs }) => ({ out: op(inputs.a, inputs.b) }),
  };
}

export function unary(type: string, description: string, op: (x: tf.Tensor) => tf.Tensor): BlockDef {
  return {
    type,
    category: 'op',
    description,
    inputs: [{ name: 'x', accepts: floatKinds }],
    outputs: [{ name: 'out' }],
    params: [],
    inferShape: ({ inputs }) => ({ out: inputs.x! }),
    emit: ({ inputs }) => ({ out: op(inputs.x) }),
  };
}

/** Axes 1..rank-1: everything but the batch. */
export function perSequenceAxes(x: tf.Tensor): number[] {
  return Array.from({ length: x.rank - 1 }, (_, i) => i + 1);
}
