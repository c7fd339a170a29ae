import { shift } from './shift';
export default shift('Rest', 'All entries but the first: x[2..n] (x shifted one step left).');
