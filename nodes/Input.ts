import type { BlockDef } from './block';
import { kinds } from './block';

/**
 * A named entry point. In a sub-graph it becomes a socket of the Subgraph block that uses the
 * file; at the top level it reads the dataset field of the same name.
 */
const Input: BlockDef = {
  type: 'Input',
  category: 'structure',
  description: 'A named input: a socket of the Subgraph block that uses this file, or, at the top level, the dataset field of that name.',
  inputs: [],
  outputs: [{ name: 'out' }],
  params: [
    {
      name: 'name',
      type: 'string',
      default: 'Predictions',
      pattern: '^[A-Za-z][A-Za-z0-9_]{0,63}$',
      description: 'socket name (a dataset field at the top level)',
    },
    { name: 'kind', type: 'enum', default: 'sequence', choices: kinds, description: 'what the socket carries' },
  ],
  // The compiler types Input from the field it reads or the wire it stands for.
  inferShape: () => ({}),
  emit: ({ field, params }) => ({ out: field(params.name as string) }),
  fused: { forward: (ctx, _, { out }) => out.set(ctx.field(ctx.params.name as string)) },
};
export default Input;
