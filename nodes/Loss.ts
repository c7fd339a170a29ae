import type { BlockDef } from './block';

/**
 * A named term of the training objective. The objective is the sum of the batch means of every
 * Loss block; the term is reported under its name, and, when Scale blocks weight it, also
 * before the weights (as the paper's tables do).
 */
const Loss: BlockDef = {
  type: 'Loss',
  category: 'structure',
  description: 'A named loss term (ME, ICs, DE, H, ...). Training minimizes the sum of all terms, each averaged over the batch.',
  inputs: [{ name: 'value', accepts: ['scalar'] }],
  outputs: [],
  params: [
    {
      name: 'name',
      type: 'string',
      default: 'ME',
      pattern: '^[A-Za-z][A-Za-z0-9_+-]{0,63}$',
      description: 'term name, shown in charts and metrics',
    },
  ],
  inferShape: () => ({}),
  emit: () => ({}),
  // nothing to compute: the fused network reads the Loss wires itself
  fused: { forward: () => {} },
};
export default Loss;
