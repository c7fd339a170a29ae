import { shift } from './shift';
export default shift('Most', 'All entries but the last: x[1..n-1].');
