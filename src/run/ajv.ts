import Ajv, { type ErrorObject } from 'ajv';

// ajv is CommonJS; depending on the loader the default import is the class or the module object.
type AjvClass = typeof Ajv;
const AjvCtor: AjvClass = ((Ajv as unknown as { default?: AjvClass }).default ?? Ajv) as AjvClass;

/** A validator for one of the schema/ files: the first problem as `path: what is wrong`, or undefined. */
export function schemaCheck(schema: object): (value: unknown) => string | undefined {
  let validate: ReturnType<InstanceType<AjvClass>['compile']> | undefined;
  return (value) => {
    validate ??= new AjvCtor({ allErrors: false, strict: true, allowUnionTypes: true }).compile(schema);
    if (validate(value)) return undefined;
    return describe(validate.errors![0]);
  };
}

function describe(e: ErrorObject): string {
  const path = e.instancePath.slice(1).replace(/\//g, '.') || '(top level)';
  if (e.keyword === 'additionalProperties')
    return `${path}: has the unknown field '${(e.params as { additionalProperty: string }).additionalProperty}'`;
  if (e.keyword === 'required') return `${path}: misses '${(e.params as { missingProperty: string }).missingProperty}'`;
  if (e.keyword === 'const') return `${path}: must be ${JSON.stringify((e.params as { allowedValue: unknown }).allowedValue)}`;
  return `${path}: ${e.message}`;
}
