import { describeValue, type GraphFileError, graphError } from './errors';
import { MAX_EXPANDED_BLOCKS, MAX_GRAPH_WIRES } from './limits';
import { migrateGraph, type RawDocument } from './migrations';
import { MAX_GRAPH_DEPTH, parseGraphText } from './parse';
import { schemaErrors } from './schema';
import { structureErrors } from './structure';
import { CURRENT_GRAPH_VERSION, GRAPH_FORMAT, type GraphDocument } from './types';
import { unsafeValueErrors } from './walk';

export type GraphLoadResult = { ok: true; doc: GraphDocument; migratedFrom?: number } | { ok: false; errors: GraphFileError[] };

/** Reads a graph file's text: parse safely, upgrade older versions, validate. Never throws on bad input. */
export function loadGraph(text: string, source: string): GraphLoadResult {
  const parsed = parseGraphText(text, source);
  return parsed.ok ? loadGraphValue(parsed.value, source) : parsed;
}

/** As loadGraph, for a value that is already parsed (e.g. a JS object handed over by the editor). */
export function loadGraphValue(value: unknown, source: string): GraphLoadResult {
  return check(value, source, true);
}

/** Errors of a document that should already be at the current version; [] when it is valid. */
export function validateGraph(value: unknown, source: string): GraphFileError[] {
  const result = check(value, source, false);
  return result.ok ? [] : result.errors;
}

const isObject = (v: unknown): v is RawDocument => typeof v === 'object' && v !== null && !Array.isArray(v);

type VersionResult = { ok: true; version: number } | { ok: false; errors: GraphFileError[] };

/**
 * Version 0 drafts may carry `"slidegraph": 0` instead of format/version (see migrations/v0-to-v1);
 * everything else must say which format and version it is, so nothing is read by guesswork.
 */
export function detectGraphVersion(value: unknown, source: string): VersionResult {
  const refuse = (path: string, code: GraphFileError['code'], detail: string): VersionResult => ({
    ok: false,
    errors: [graphError(source, path, code, detail)],
  });
  if (!isObject(value)) {
    return refuse(
      '',
      'wrong-format',
      `not a Slidegraph graph: expected a JSON object with "format": "${GRAPH_FORMAT}", found ${describeValue(value)}`,
    );
  }
  if (value.format === undefined && value.slidegraph !== undefined) {
    return value.slidegraph === 0
      ? { ok: true, version: 0 }
      : refuse('slidegraph', 'bad-version', `the draft-format marker must be 0 (got ${describeValue(value.slidegraph)})`);
  }
  if (value.format === undefined) {
    return refuse('format', 'wrong-format', `is missing: not a Slidegraph graph (expected "format": "${GRAPH_FORMAT}")`);
  }
  if (value.format !== GRAPH_FORMAT) {
    return refuse('format', 'wrong-format', `is ${describeValue(value.format)}: not a Slidegraph graph (expected "${GRAPH_FORMAT}")`);
  }
  const v = value.version;
  if (v === undefined) return refuse('version', 'bad-version', 'is missing');
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) {
    return refuse('version', 'bad-version', `must be a whole number >= 0 (got ${describeValue(v)})`);
  }
  if (v > CURRENT_GRAPH_VERSION) {
    return refuse(
      'version',
      'future-version',
      `was written by a newer Slidegraph (version ${v} > ${CURRENT_GRAPH_VERSION}); update Slidegraph to open it`,
    );
  }
  return { ok: true, version: v };
}

/** A file with thousands of bad nodes should not produce thousands of lines. */
export const MAX_REPORTED_ERRORS = 100;

function check(value: unknown, source: string, migrate: boolean): GraphLoadResult {
  const result = checkAll(value, source, migrate);
  return result.ok ? result : { ok: false, errors: result.errors.slice(0, MAX_REPORTED_ERRORS) };
}

/**
 * The block and wire limits, checked on the two arrays' lengths before any value is walked: a
 * file of millions of blocks is refused in a moment rather than validated for minutes first.
 */
function sizeErrors(value: unknown, source: string): GraphFileError[] {
  if (!isObject(value)) return [];
  const over = (key: string, what: string, limit: number): GraphFileError[] => {
    const items = value[key];
    return Array.isArray(items) && items.length > limit
      ? [graphError(source, key, 'too-large', `has ${items.length} ${what}, more than the limit of ${limit}`)]
      : [];
  };
  return [...over('nodes', 'blocks', MAX_EXPANDED_BLOCKS), ...over('connections', 'wires', MAX_GRAPH_WIRES)];
}

function checkAll(value: unknown, source: string, migrate: boolean): GraphLoadResult {
  const tooLarge = sizeErrors(value, source);
  if (tooLarge.length > 0) return { ok: false, errors: tooLarge };
  const unsafe = unsafeValueErrors(value, source, MAX_GRAPH_DEPTH);
  if (unsafe.length > 0) return { ok: false, errors: unsafe };

  const detected = detectGraphVersion(value, source);
  if (!detected.ok) return detected;
  let doc = value as RawDocument;
  let migratedFrom: number | undefined;
  if (detected.version < CURRENT_GRAPH_VERSION) {
    if (!migrate) {
      const detail = `is ${detected.version}; load the file with loadGraph to upgrade it to version ${CURRENT_GRAPH_VERSION}`;
      return { ok: false, errors: [graphError(source, 'version', 'bad-version', detail)] };
    }
    const migrated = migrateGraph(doc, detected.version, source);
    if (!migrated.ok) return migrated;
    doc = migrated.doc;
    migratedFrom = detected.version;
  }

  const note = (errors: GraphFileError[]): GraphFileError[] =>
    migratedFrom === undefined
      ? errors
      : errors.map((e) => ({ ...e, message: `${e.message} (after upgrading from version ${migratedFrom})` }));
  const schema = schemaErrors(doc, source);
  if (schema.length > 0) return { ok: false, errors: note(schema) };
  const graph = doc as unknown as GraphDocument;
  const structure = structureErrors(graph, source);
  if (structure.length > 0) return { ok: false, errors: note(structure) };
  return migratedFrom === undefined ? { ok: true, doc: graph } : { ok: true, doc: graph, migratedFrom };
}
