import { formatPath, type GraphFileError, graphError, type PathPart } from './errors';
import { FORBIDDEN_KEYS } from './jsonScan';

/**
 * Safety checks on an already-built value, for documents that arrive as JS objects (editor state,
 * postMessage) rather than text: the text scanner never saw them. Cycles are refused; an object
 * shared by several parents is walked once, so shared references cannot make the walk exponential.
 * NaN/Infinity cannot be written in JSON but can sit in a JS object, and 1e999 in JSON text parses
 * to Infinity; both would be written back as null, so they are refused here.
 */
export function unsafeValueErrors(value: unknown, source: string, maxDepth: number, maxErrors = 100): GraphFileError[] {
  const errors: GraphFileError[] = [];
  const onPath = new Set<object>();
  const done = new WeakSet<object>();
  const visit = (v: unknown, path: PathPart[], depth: number): void => {
    if (errors.length >= maxErrors) return;
    if (typeof v === 'number') {
      if (!Number.isFinite(v)) errors.push(graphError(source, formatPath(path), 'non-finite-number', `must be a finite number (got ${v})`));
      return;
    }
    if (typeof v !== 'object' || v === null || done.has(v)) return;
    if (onPath.has(v)) {
      errors.push(graphError(source, formatPath(path), 'too-deep', 'contains itself (a cycle)'));
      return;
    }
    if (depth >= maxDepth) {
      errors.push(graphError(source, formatPath(path), 'too-deep', `nesting deeper than ${maxDepth} levels`));
      return;
    }
    onPath.add(v);
    if (Array.isArray(v)) {
      v.forEach((item, k) => visit(item, [...path, k], depth + 1));
    } else {
      for (const key of Object.keys(v)) {
        if (FORBIDDEN_KEYS.has(key)) {
          errors.push(graphError(source, formatPath([...path, key]), 'forbidden-key', `the key "${key}" is not allowed`));
        } else {
          visit((v as Record<string, unknown>)[key], [...path, key], depth + 1);
        }
      }
    }
    onPath.delete(v);
    done.add(v);
  };
  visit(value, [], 0);
  return errors;
}
