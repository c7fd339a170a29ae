import { dataPort } from './dataPort';
export default dataPort(
  'Predictions',
  'Predictions supplied from outside (a file or another model), in normalized units, to be scored by the loss blocks.',
);
