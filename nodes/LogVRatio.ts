import { dataPort } from './dataPort';
export default dataPort('LogVRatio', 'ln(V_after / V_before) of each velocity jump, 0 for padded jumps (Appendix A).');
