import { dataPort } from './dataPort';
export default dataPort(
  'DeltaF',
  "The data's friction jump at each velocity jump, Targets[PosAfterJ] - Targets[PosBeforeJ] (0 for padded jumps).",
);
