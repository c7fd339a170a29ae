import { formatPath, type GraphFileError, graphError, type PathPart } from './errors';
import { FORBIDDEN_KEYS } from './jsonScan';
import { MAX_JSON_VALUES } from './limits';

/** A container being walked: its keys, how far through them, and how it was reached. */
interface Frame {
  value: object;
  keys: PathPart[];
  next: number;
  parent: Frame | undefined;
  /** the key under which `parent` holds this value */
  key: PathPart | undefined;
}

const pathOf = (frame: Frame | undefined, last?: PathPart): PathPart[] => {
  const out: PathPart[] = last === undefined ? [] : [last];
  for (let f = frame; f?.key !== undefined; f = f.parent) out.push(f.key);
  return out.reverse();
};

/**
 * Safety checks on an already-built value, for documents that arrive as JS objects (editor state,
 * postMessage) rather than text: the text scanner never saw them. Cycles are refused; an object
 * shared by several parents is walked once, so shared references cannot make the walk exponential.
 * NaN/Infinity cannot be written in JSON but can sit in a JS object, and 1e999 in JSON text parses
 * to Infinity; both would be written back as null, so they are refused here.
 * The walk keeps its own stack and builds a path only for an error, so its time is linear in the
 * number of values, and it stops after `maxValues` of them.
 */
export function unsafeValueErrors(
  value: unknown,
  source: string,
  maxDepth: number,
  maxErrors = 100,
  maxValues = MAX_JSON_VALUES,
): GraphFileError[] {
  const errors: GraphFileError[] = [];
  const onPath = new Set<object>();
  const done = new WeakSet<object>();
  const stack: Frame[] = [];
  let seen = 0;
  // One value met under `parent` at `key`: a number is checked, an object entered.
  const meet = (v: unknown, parent: Frame | undefined, key: PathPart | undefined): void => {
    if (++seen > maxValues) {
      errors.push(graphError(source, '', 'too-large', `has more than ${maxValues} values (the limit)`));
      return;
    }
    if (typeof v === 'number') {
      if (!Number.isFinite(v))
        errors.push(graphError(source, formatPath(pathOf(parent, key)), 'non-finite-number', `must be a finite number (got ${v})`));
      return;
    }
    if (typeof v !== 'object' || v === null || done.has(v)) return;
    if (onPath.has(v)) {
      errors.push(graphError(source, formatPath(pathOf(parent, key)), 'too-deep', 'contains itself (a cycle)'));
      return;
    }
    if (stack.length >= maxDepth) {
      errors.push(graphError(source, formatPath(pathOf(parent, key)), 'too-deep', `nesting deeper than ${maxDepth} levels`));
      return;
    }
    onPath.add(v);
    const keys: PathPart[] = Array.isArray(v) ? Array.from(v.keys()) : Object.keys(v);
    stack.push({ value: v, keys, next: 0, parent, key });
  };
  meet(value, undefined, undefined);
  while (stack.length && errors.length < maxErrors && seen <= maxValues) {
    const top = stack[stack.length - 1];
    if (top.next === top.keys.length) {
      stack.pop();
      onPath.delete(top.value);
      done.add(top.value);
      continue;
    }
    const key = top.keys[top.next++];
    if (typeof key === 'string' && FORBIDDEN_KEYS.has(key)) {
      errors.push(graphError(source, formatPath(pathOf(top, key)), 'forbidden-key', `the key "${key}" is not allowed`));
      continue;
    }
    meet((top.value as Record<PathPart, unknown>)[key], top, key);
  }
  return errors.slice(0, maxErrors);
}
