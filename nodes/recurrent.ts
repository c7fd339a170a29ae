import { describeType, type IntParam, param, problem, type ShapeContext, type ShapeResult, shapes, type WeightSpec } from './block';

/** Input features per step: 1 for a plain sequence [T], F for [T, F]. */
export function featureSize(ctx: ShapeContext<unknown>): number {
  const x = ctx.inputs.x!;
  return x.shape.length === 1 ? 1 : x.shape[1];
}

// Typed so that the declaration files can name it.
export const unitsParam: IntParam<'units'> = param.int('units', {
  default: 32,
  min: 1,
  max: 1024,
  description: 'width of the hidden state (the paper does not state it; 32 by default)',
});

interface Units {
  units: number;
}

export function recurrentShape(ctx: ShapeContext<Units>): ShapeResult {
  const x = ctx.inputs.x!;
  if (x.shape.length < 1 || x.shape.length > 2) return problem('x', `must be a sequence [T] or [T, F], got ${describeType(x)}`);
  return shapes({ out: { kind: 'sequence', shape: [x.shape[0], ctx.params.units] } });
}

/** Kernel [F, gates·H], recurrent kernel [H, gates·H] and bias, the gates side by side in columns. */
export function recurrentWeights(ctx: ShapeContext<Units>, gates: number): WeightSpec[] {
  const h = ctx.params.units;
  return [
    { name: 'kernel', shape: [featureSize(ctx), gates * h], init: 'glorot' },
    { name: 'recurrentKernel', shape: [h, gates * h], init: 'orthogonal-gates' },
    { name: 'bias', shape: [gates * h], init: 'zeros' },
  ];
}

/** The canvas title's units (` 32`). */
export const unitsSummary = (p: Units) => ` ${p.units}`;
