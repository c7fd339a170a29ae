import { dataPort } from './dataPort';
export default dataPort(
  'MeanV',
  'Mean slider velocity over each sample interval / Vch (slip increment over Δt; sample 0 takes V(0)): a measurable feature that sees where a jump fell.',
);
