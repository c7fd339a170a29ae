import { formatPath, type GraphFileError, graphError } from './errors';
import { lineColumn, scanJson } from './jsonScan';
import { MAX_JSON_VALUES } from './limits';

/** Graph files are shallow (about 5 levels); this leaves room for growth while bounding recursion. */
export const MAX_GRAPH_DEPTH = 64;

export type ParseResult = { ok: true; value: unknown } | { ok: false; errors: GraphFileError[] };

/**
 * Text → plain JSON value, refusing anything unsafe or ambiguous before JSON.parse sees it.
 * A leading byte-order mark is accepted, since Node's readFile keeps it and editors write it.
 */
export function parseGraphText(text: string, source: string, maxDepth = MAX_GRAPH_DEPTH): ParseResult {
  if (typeof text !== 'string') {
    return { ok: false, errors: [graphError(source, '', 'empty', 'expected text')] };
  }
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (body.trim() === '') {
    return { ok: false, errors: [graphError(source, '', 'empty', 'the file is empty')] };
  }
  const problem = scanJson(body, maxDepth, MAX_JSON_VALUES);
  if (problem !== null) {
    const at = lineColumn(body, problem.offset);
    const path = formatPath(problem.path);
    const detail = problem.code === 'not-json' ? `not valid JSON: ${problem.detail}` : problem.detail;
    return { ok: false, errors: [graphError(source, path, problem.code, detail, at)] };
  }
  try {
    return { ok: true, value: JSON.parse(body) };
  } catch (e) {
    // Unreachable if the scanner matches the JSON grammar; kept so a mismatch is still a clean refusal.
    return { ok: false, errors: [graphError(source, '', 'not-json', `not valid JSON: ${(e as Error).message}`)] };
  }
}
