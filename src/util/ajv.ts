import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import { describe as describeValue } from './inputError';

// ajv is CommonJS; depending on the loader the default import is the class or the module object.
type AjvClass = typeof Ajv;
const AjvCtor: AjvClass = ((Ajv as unknown as { default?: AjvClass }).default ?? Ajv) as AjvClass;

/** The first thing wrong with a value: where (`sequences[3].Nh`, or `file` for the top level) and what. */
export interface SchemaProblem {
  path: string;
  message: string;
}

/**
 * A validator for one of the schema/ files, compiled on first use and then reused (compiling
 * costs milliseconds, validating microseconds). `refs` are the schemas it names by `$ref`.
 */
export function schemaValidator(schema: object, ...refs: object[]): (value: unknown) => SchemaProblem | undefined {
  let validate: ValidateFunction | undefined;
  return (value) => {
    if (!validate) {
      const ajv = new AjvCtor({ allErrors: false, verbose: true, strict: true, allowUnionTypes: true });
      for (const r of refs) ajv.addSchema(r);
      validate = ajv.compile(schema);
    }
    if (validate(value)) return undefined;
    return describe(validate.errors![0]);
  };
}

/** The same, as one `path: what is wrong` string. */
export function schemaCheck(schema: object, ...refs: object[]): (value: unknown) => string | undefined {
  const check = schemaValidator(schema, ...refs);
  return (value) => {
    const p = check(value);
    return p && `${p.path}: ${p.message}`;
  };
}

/** A JSON pointer as the project's messages write paths: `/sequences/3/Nh` is `sequences[3].Nh`. */
function pathOf(pointer: string, more?: string): string {
  let out = '';
  for (const raw of [...pointer.split('/').slice(1), ...(more === undefined ? [] : [more])]) {
    const part = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    out += /^(0|[1-9][0-9]*)$/.test(part) ? `[${part}]` : out ? `.${part}` : part;
  }
  return out || '(top level)';
}

const ARTICLE: Record<string, string> = { object: 'an object', array: 'an array', integer: 'an integer' };

function describe(e: ErrorObject): SchemaProblem {
  const path = pathOf(e.instancePath);
  const p = e.params as Record<string, unknown>;
  if (e.keyword === 'additionalProperties') return { path, message: `has the unknown field '${p.additionalProperty}'` };
  if (e.keyword === 'required') return { path: pathOf(e.instancePath, String(p.missingProperty)), message: 'is missing' };
  if (e.keyword === 'type') {
    const types = String(p.type).split(',');
    const want = types.map((t) => ARTICLE[t] ?? `a ${t}`).join(' or ');
    return { path, message: `must be ${want}, got ${describeValue(e.data)}` };
  }
  if (e.keyword === 'const') return { path, message: `must be ${JSON.stringify(p.allowedValue)}` };
  if (e.keyword === 'enum') {
    const values = (p.allowedValues as unknown[]).map((v) => (typeof v === 'string' ? v : JSON.stringify(v)));
    return { path, message: `must be one of ${values.join(', ')}, got ${describeValue(e.data)}` };
  }
  if (e.keyword === 'minItems')
    return { path, message: `must have at least ${p.limit} ${p.limit === 1 ? 'entry' : 'entries'}, got ${(e.data as unknown[]).length}` };
  return { path, message: e.message ?? 'does not match the schema' };
}
