import type { ValidateFunction } from 'ajv';

/** schema/graph-base.schema.json compiled ahead of time by `npm run schemas` (scripts/schemas.ts). */
export declare const validate: ValidateFunction;
