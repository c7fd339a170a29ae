import { SUBGRAPH_FILE_PARAM, SUBGRAPH_TYPE } from '../src/graph/subgraphs';
import { defineBlock, param } from './block';

/**
 * Another graph file used as one block. Its sockets are that file's Input and Output blocks;
 * the compiler inlines it before any rule runs, so the rules here are never called.
 */
const Subgraph = defineBlock({
  type: SUBGRAPH_TYPE,
  category: 'structure',
  role: { kind: 'subgraph', file: SUBGRAPH_FILE_PARAM },
  description: "Another graph file as one block; its Input and Output blocks become this block's sockets.",
  inputs: [],
  outputs: [],
  params: [
    param.string(SUBGRAPH_FILE_PARAM, {
      default: 'fig2-main.json',
      pattern: '^[A-Za-z0-9_./-]{1,200}$',
      description: 'graph file, relative to this one',
    }),
  ],
  inferShape: () => ({ ok: true, shapes: {} }),
  emit: () => ({}),
});
export default Subgraph;
