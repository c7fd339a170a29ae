import { dataPort } from './dataPort';
export default dataPort('PosBeforeJ', 'For each jump, the 0-based index of the last sample before it (0 for padded jumps).');
