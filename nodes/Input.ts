import { defineBlock, kinds, param } from './block';

/**
 * A named entry point. In a sub-graph it becomes a socket of the Subgraph block that uses the
 * file; at the top level it reads the dataset field of the same name.
 */
const Input = defineBlock({
  type: 'Input',
  category: 'structure',
  role: { kind: 'port', side: 'in', name: 'name', carries: 'kind' },
  description: 'A named input: a socket of the Subgraph block that uses this file, or, at the top level, the dataset field of that name.',
  inputs: [],
  outputs: [{ name: 'out' }],
  params: [
    param.string('name', {
      default: 'Predictions',
      pattern: '^[A-Za-z][A-Za-z0-9_]{0,63}$',
      description: 'socket name (a dataset field at the top level)',
    }),
    param.enum('kind', { default: 'sequence', choices: kinds, description: 'what the socket carries' }),
  ],
  // Never called: the compiler types a top-level Input from the field it names, and a nested one
  // is replaced by a pass-through of the wire it stands for (src/compile/passBlocks.ts).
  inferShape: () => ({ ok: true, shapes: {} }),
  emit: ({ field, params }) => ({ out: field(params.name) }),
  fused: { forward: (ctx, _, { out }) => out.set(ctx.field(ctx.params.name)) },
  summary: (p) => ` "${p.name}"`,
});
export default Input;
