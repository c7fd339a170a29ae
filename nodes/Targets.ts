import { dataPort } from './dataPort';
export default dataPort('Targets', 'Normalized friction change (mu - mu(0)) / dmu_ch at the samples.');
