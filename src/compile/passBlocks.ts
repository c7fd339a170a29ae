import { type BlockDef, describeType, type Kind, kinds, problem } from '../../nodes/block';
import type { FusedRule } from '../../nodes/fused';

const pass: FusedRule = {
  forward: (_, { in: x }, { out }) => out.set(x),
  backward: (_, __, ___, { out: g }, { in: dx }) => {
    for (let i = 0; i < g.length; i++) dx[i] += g[i];
  },
};

/**
 * Where an inlined sub-graph's Input and Output blocks stood. They pass the wire through; $in
 * also checks that what arrives is the kind the sub-graph's author declared.
 */
export const passIn: BlockDef = {
  type: '$in',
  category: 'structure',
  description: 'sub-graph input',
  inputs: [{ name: 'in', accepts: kinds }],
  outputs: [{ name: 'out' }],
  params: [
    { name: 'name', type: 'string', default: '', description: '' },
    { name: 'kind', type: 'enum', default: 'sequence', choices: kinds, description: '' },
  ],
  inferShape: ({ inputs, params }) => {
    const t = inputs.in!;
    if (t.kind !== (params.kind as Kind)) return problem('in', `expects ${params.kind}, got ${describeType(t)}`);
    return { out: t };
  },
  emit: ({ inputs }) => ({ out: inputs.in }),
  fused: pass,
};

export const passOut: BlockDef = {
  type: '$out',
  category: 'structure',
  description: 'sub-graph output',
  inputs: [{ name: 'in', accepts: kinds }],
  outputs: [{ name: 'out' }],
  params: [{ name: 'name', type: 'string', default: '', description: '' }],
  inferShape: ({ inputs }) => ({ out: inputs.in! }),
  emit: ({ inputs }) => ({ out: inputs.in }),
  fused: pass,
};
