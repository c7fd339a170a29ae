import { dataPort } from './dataPort';
export default dataPort('PosAfterJ', 'PosBeforeJ + 1: the first sample after each jump (0 for padded jumps).');
