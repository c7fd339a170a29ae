import { defineBlock, describeType, kinds, param, problem, shapes } from '../../nodes/block';
import type { FusedRule } from '../../nodes/fused';

const pass: FusedRule<unknown> = {
  forward: (_, { in: x }, { out }) => out.set(x),
  backward: (_, __, ___, { out: g }, { in: dx }) => {
    for (let i = 0; i < g.length; i++) dx[i] += g[i];
  },
};

/**
 * Where an inlined sub-graph's Input and Output blocks stood. They pass the wire through; $in
 * also checks that what arrives is the kind the sub-graph's author declared.
 */
export const passIn = defineBlock({
  type: '$in',
  category: 'structure',
  role: { kind: 'op' },
  description: 'sub-graph input',
  inputs: [{ name: 'in', accepts: kinds }],
  outputs: [{ name: 'out' }],
  params: [
    param.string('name', { default: '', description: '' }),
    param.enum('kind', { default: 'sequence', choices: kinds, description: '' }),
  ],
  inferShape: ({ inputs, params }) => {
    const t = inputs.in!;
    if (t.kind !== params.kind) return problem('in', `expects ${params.kind}, got ${describeType(t)}`);
    return shapes({ out: t });
  },
  emit: ({ inputs }) => ({ out: inputs.in }),
  fused: pass,
});

export const passOut = defineBlock({
  type: '$out',
  category: 'structure',
  role: { kind: 'op' },
  description: 'sub-graph output',
  inputs: [{ name: 'in', accepts: kinds }],
  outputs: [{ name: 'out' }],
  params: [param.string('name', { default: '', description: '' })],
  inferShape: ({ inputs }) => shapes({ out: inputs.in! }),
  emit: ({ inputs }) => ({ out: inputs.in }),
  fused: pass,
});
