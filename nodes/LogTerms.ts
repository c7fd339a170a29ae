import { dataPort } from './dataPort';
export default dataPort('LogTerms', '1 / log(n / N_h) at hold samples n = 1..N_h-1, 0 elsewhere (eq. 12 weights).');
