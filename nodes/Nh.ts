import { dataPort } from './dataPort';
export default dataPort('Nh', 'The 0-based index of the last sample inside the hold (0 when the hold holds no sample).');
