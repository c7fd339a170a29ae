import type { BlockDef } from './block';
import { kinds } from './block';

/** A named result: a socket of the Subgraph block that uses this file, or a named graph output. */
const Output: BlockDef = {
  type: 'Output',
  category: 'structure',
  description: 'A named output. "Predictions" marks the main net, the part that is kept after training.',
  inputs: [{ name: 'in', accepts: kinds }],
  outputs: [],
  params: [{ name: 'name', type: 'string', default: 'Predictions', pattern: '^[A-Za-z][A-Za-z0-9_]{0,63}$', description: 'output name' }],
  inferShape: () => ({}),
  emit: () => ({}),
  // nothing to compute: the fused network reads the Loss wires itself
  fused: { forward: () => {} },
};
export default Output;
