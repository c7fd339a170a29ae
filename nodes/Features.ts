import { dataPort } from './dataPort';
export default dataPort('Features', 'The velocity protocol at the samples, V / Vch (the network input).');
