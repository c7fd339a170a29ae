import { dataPort } from './dataPort';
export default dataPort('HoldPairs', '1 where samples i and i+1 are both in the hold with n+1 <= N_h-1, else 0 (the pairs of eq. 13).');
