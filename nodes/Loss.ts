import { defineBlock, param } from './block';

/**
 * A named term of the training objective. The objective is the sum of the batch means of every
 * Loss block; the term is reported under its name, and, when Scale blocks weight it, also
 * before the weights (as the paper's tables do).
 */
const Loss = defineBlock({
  type: 'Loss',
  category: 'structure',
  role: { kind: 'term', name: 'name', input: 'value' },
  description: 'A named loss term (ME, ICs, DE, H, ...). Training minimizes the sum of all terms, each averaged over the batch.',
  inputs: [{ name: 'value', accepts: ['scalar'] }],
  outputs: [],
  params: [
    param.string('name', {
      default: 'ME',
      pattern: '^[A-Za-z][A-Za-z0-9_+-]{0,63}$',
      description: 'term name, shown in charts and metrics',
    }),
  ],
  // No outputs, and never a step of a plan: the compiler keeps only the wire it names
  // (plan.losses), so nothing is emitted for it.
  inferShape: () => ({ ok: true, shapes: {} }),
  emit: () => ({}),
  summary: (p) => ` "${p.name}"`,
});
export default Loss;
