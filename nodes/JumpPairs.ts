import { dataPort } from './dataPort';
export default dataPort('JumpPairs', '1 for the jump pairs (i, i+1) with i ≤ N_J − 1, else 0 (the pairs of the Appendix A sum).');
