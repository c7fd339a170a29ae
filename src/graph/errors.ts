/**
 * Every refusal has a stable code so that callers (editor, CLI, tests) can branch on it
 * without parsing messages.
 */
export const GRAPH_ERROR_CODES = [
  'empty', // no content
  'not-json', // JSON syntax error (line/column given)
  'too-deep', // nesting deeper than the limit
  'forbidden-key', // __proto__, constructor or prototype as an object key
  'duplicate-key', // the same key twice in one JSON object
  'wrong-format', // not an object, or "format" is not slidegraph/graph
  'bad-version', // version missing or not a non-negative integer, or no migration path
  'future-version', // written by a newer Slidegraph
  'migration-failed', // an older-version file that its migration cannot read
  'non-finite-number', // NaN / Infinity (e.g. 1e999 in the text, or NaN in a JS object)
  'schema', // violates schema/graph-base.schema.json
  'duplicate-node-id',
  'dangling-connection', // connection names a node id that does not exist
  'duplicate-connection', // the same from→to pair twice
  'too-large', // more blocks, wires or values than the limits in src/graph/limits.ts
] as const;

export type GraphErrorCode = (typeof GRAPH_ERROR_CODES)[number];

export interface GraphFileError {
  /** File name or label the caller gave, repeated in message. */
  source: string;
  /** JSON path such as `nodes[2].type`; '' for the whole document. */
  path: string;
  code: GraphErrorCode;
  /** One self-contained line: `<source>: <path>: <what is wrong>`. */
  message: string;
  /** 1-based position in the text, for errors found while reading text. */
  line?: number;
  column?: number;
}

export type PathPart = string | number;

const IDENT = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** ['nodes', 2, 'params', 'units'] -> 'nodes[2].params.units' (odd keys are quoted). */
export function formatPath(parts: readonly PathPart[]): string {
  let out = '';
  for (const p of parts) {
    if (typeof p === 'number') out += `[${p}]`;
    else if (IDENT.test(p)) out += out === '' ? p : `.${p}`;
    else out += `[${JSON.stringify(p)}]`;
  }
  return out;
}

export function graphError(
  source: string,
  path: string,
  code: GraphErrorCode,
  detail: string,
  at?: { line: number; column: number },
): GraphFileError {
  const where = at ? `${source}:${at.line}:${at.column}` : source;
  const message = path === '' ? `${where}: ${detail}` : `${where}: ${path}: ${detail}`;
  return at ? { source, path, code, message, line: at.line, column: at.column } : { source, path, code, message };
}

/** Short, single-line rendering of a value for messages. */
export function describeValue(v: unknown): string {
  if (v === undefined) return 'undefined';
  if (typeof v === 'number') return String(v); // keeps NaN / Infinity readable
  if (Array.isArray(v)) return 'an array';
  if (v === null) return 'null';
  if (typeof v === 'object') return 'an object';
  const s = JSON.stringify(v) ?? String(v);
  return s.length > 40 ? `${s.slice(0, 37)}..."` : s;
}

/** Thrown by serializeGraph when asked to write a document that would not load back. */
export class GraphValidationError extends Error {
  readonly errors: GraphFileError[];
  constructor(errors: GraphFileError[]) {
    super(errors.map((e) => e.message).join('\n'));
    this.name = 'GraphValidationError';
    this.errors = errors;
  }
}
