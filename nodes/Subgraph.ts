import type { BlockDef } from './block';

/**
 * Another graph file used as one block. Its sockets are that file's Input and Output blocks;
 * the compiler inlines it, so this definition only carries the parameter.
 */
const Subgraph: BlockDef = {
  type: 'Subgraph',
  category: 'structure',
  description: "Another graph file as one block; its Input and Output blocks become this block's sockets.",
  inputs: [],
  outputs: [],
  params: [
    {
      name: 'graph',
      type: 'string',
      default: 'fig2-main.json',
      pattern: '^[A-Za-z0-9_./-]{1,200}$',
      description: 'graph file, relative to this one',
    },
  ],
  inferShape: () => ({}),
  emit: () => ({}),
};
export default Subgraph;
