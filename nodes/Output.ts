import { defineBlock, kinds, param } from './block';

/** A named result: a socket of the Subgraph block that uses this file, or a named graph output. */
const Output = defineBlock({
  type: 'Output',
  category: 'structure',
  role: { kind: 'port', side: 'out', name: 'name', input: 'in' },
  description: 'A named output. "Predictions" marks the main net, the part that is kept after training.',
  inputs: [{ name: 'in', accepts: kinds }],
  outputs: [],
  params: [param.string('name', { default: 'Predictions', pattern: '^[A-Za-z][A-Za-z0-9_]{0,63}$', description: 'output name' })],
  // No outputs, and never a step of a plan: at the top level the compiler keeps only the wire it
  // names (plan.outputs); inside a sub-graph it is replaced by a pass-through. Nothing is emitted.
  inferShape: () => ({ ok: true, shapes: {} }),
  emit: () => ({}),
  summary: (p) => ` "${p.name}"`,
});
export default Output;
