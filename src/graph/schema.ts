import type { ErrorObject } from 'ajv';
import schemaJson from '../../schema/graph-base.schema.json' with { type: 'json' };
import { describeValue, formatPath, type GraphFileError, graphError, type PathPart } from './errors';
import { validate as compiledValidator } from './graphValidator.generated.js';

/**
 * The document schema the loader checks (schema/graph-base.schema.json) for the current version.
 * Block types and their parameters are the compiler's to check, so that its errors name the node;
 * the published schema/graph.schema.json adds them for editors (scripts/schemas.ts).
 */
export const GRAPH_SCHEMA: Readonly<Record<string, unknown>> = schemaJson;
export const GRAPH_SCHEMA_ID: string = schemaJson.$id;

// Compiled ahead of time (`npm run schemas`, ajv's standalone code with allErrors, verbose,
// strict and allowUnionTypes): compiling at load was the editor's longest task. A test checks
// that the compiled file is the schema's.
const validator = () => compiledValidator;

/** Validates against the schema only; the value must already be free of forbidden keys and cycles. */
export function schemaErrors(value: unknown, source: string): GraphFileError[] {
  const validate = validator();
  if (validate(value)) return [];
  return (validate.errors ?? [])
    .filter((e) => e.keyword !== 'propertyNames') // already reported by the inner error, which says why
    .map((e) => {
      const { parts, detail } = describeAjvError(e);
      return graphError(source, formatPath(parts), 'schema', detail);
    });
}

const PATTERN_HINTS: Record<string, string> = {
  '^[A-Za-z_][A-Za-z0-9_.-]{0,63}$': "is not a valid node id (a letter or '_' then up to 63 letters, digits, '_', '.' or '-')",
  '^[A-Za-z_][A-Za-z0-9_]{0,63}$': "is not a valid name (a letter or '_' then up to 63 letters, digits or '_')",
  '^[A-Z][A-Za-z0-9]*$': 'is not a valid block type name (an upper-case letter then letters and digits, e.g. GRU)',
};

const ARTICLE: Record<string, string> = {
  number: 'a number',
  integer: 'an integer',
  string: 'a string',
  boolean: 'a boolean',
  object: 'an object',
  array: 'an array',
  null: 'null',
};

function listOr(items: string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}

function pointerToParts(pointer: string): PathPart[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^(0|[1-9][0-9]*)$/.test(s) ? Number(s) : s));
}

function describeAjvError(e: ErrorObject): { parts: PathPart[]; detail: string } {
  const parts = pointerToParts(e.instancePath);
  // A bad key (propertyNames): ajv gives the object's path and the key separately.
  if (e.propertyName !== undefined) {
    return {
      parts: [...parts, e.propertyName],
      detail: PATTERN_HINTS[(e.params as { pattern?: string }).pattern ?? ''] ?? `is not an allowed name (${e.message})`,
    };
  }
  const got = `(got ${describeValue(e.data)})`;
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'type': {
      const types = (Array.isArray(p.type) ? p.type : [p.type]) as string[];
      return { parts, detail: `must be ${listOr(types.map((t) => ARTICLE[t] ?? t))} ${got}` };
    }
    case 'required':
      return { parts: [...parts, p.missingProperty as string], detail: 'is required' };
    case 'additionalProperties': {
      const known = Object.keys((e.parentSchema?.properties as object | undefined) ?? {});
      const hint = known.length > 0 ? `; expected one of: ${known.join(', ')}` : '';
      return { parts: [...parts, p.additionalProperty as string], detail: `unknown field${hint}` };
    }
    case 'const':
      return { parts, detail: `must be ${JSON.stringify(p.allowedValue)} ${got}` };
    case 'enum':
      return { parts, detail: `must be one of ${(p.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')} ${got}` };
    case 'pattern':
      return { parts, detail: `${describeValue(e.data)} ${PATTERN_HINTS[p.pattern as string] ?? `must match ${p.pattern}`}` };
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      return { parts, detail: `must be ${p.comparison} ${p.limit} ${got}` };
    case 'minLength':
      return { parts, detail: p.limit === 1 ? 'must not be empty' : `must be at least ${p.limit} characters long` };
    case 'maxLength':
      return { parts, detail: `must be at most ${p.limit} characters long (got ${(e.data as string).length})` };
    default:
      return { parts, detail: e.message ?? `fails ${e.keyword}` };
  }
}
