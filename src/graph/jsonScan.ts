import type { PathPart } from './errors';

/**
 * A single iterative pass over JSON text that runs before JSON.parse. It exists because:
 * - JSON.parse recurses, so a 50,000-deep `[[[…` would overflow the stack; depth is checked here first;
 * - engines word syntax errors differently and Node 20's give no position; this gives line/column;
 * - JSON.parse keeps only the last of duplicate keys, silently misreading a file;
 * - keys like __proto__ must be refused before any object is built from the text.
 */
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

export interface ScanProblem {
  code: 'not-json' | 'too-deep' | 'forbidden-key' | 'duplicate-key' | 'too-large';
  offset: number;
  path: PathPart[];
  detail: string;
}

interface Frame {
  array: boolean;
  index: number;
  key: string | undefined;
  keys: Set<string> | undefined;
}

class Stop {
  constructor(readonly problem: ScanProblem) {}
}

const NUMBER = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;
const SIMPLE_ESCAPES = '"\\/bfnrt';
const HEX4 = /^[0-9a-fA-F]{4}$/;

export function scanJson(text: string, maxDepth: number, maxValues = Number.POSITIVE_INFINITY): ScanProblem | null {
  const n = text.length;
  const stack: Frame[] = [];
  let i = 0;
  let values = 0;

  const path = (): PathPart[] => {
    const out: PathPart[] = [];
    for (const f of stack) {
      if (f.array) out.push(f.index);
      else if (f.key !== undefined) out.push(f.key);
    }
    return out;
  };
  const fail = (detail: string, at = i, code: ScanProblem['code'] = 'not-json', where = path()): never => {
    throw new Stop({ code, offset: at, path: where, detail });
  };
  const found = (): string => {
    if (i >= n) return 'the end of the text';
    const c = text[i]!;
    return c < ' ' ? JSON.stringify(c) : `'${c}'`;
  };
  const skipSpace = (): void => {
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 32 || c === 10 || c === 13 || c === 9) i++;
      else break;
    }
  };

  const readString = (): void => {
    const start = i;
    let j = i + 1;
    for (;;) {
      if (j >= n) fail('unterminated string', start);
      const c = text.charCodeAt(j);
      if (c === 34) break;
      if (c === 92) {
        const e = text[j + 1];
        if (e !== undefined && SIMPLE_ESCAPES.includes(e)) j += 2;
        else if (e === 'u' && HEX4.test(text.slice(j + 2, j + 6))) j += 6;
        else fail('invalid escape sequence in string', j);
      } else if (c < 0x20) {
        fail('raw control character (such as a line break) in string; escape it', j);
      } else j++;
    }
    i = j + 1;
  };

  const readKey = (frame: Frame): void => {
    if (text[i] !== '"') fail(`expected a property name in double quotes, found ${found()}`);
    const start = i;
    readString();
    const raw = text.slice(start, i);
    // Decoding matters: "\u005f_proto__" is __proto__ too.
    const key: string = raw.includes('\\') ? JSON.parse(raw) : raw.slice(1, -1);
    frame.key = key;
    if (FORBIDDEN_KEYS.has(key)) fail(`the key "${key}" is not allowed`, start, 'forbidden-key');
    if (frame.keys!.has(key)) fail(`the key "${key}" appears twice in the same object`, start, 'duplicate-key');
    frame.keys!.add(key);
    skipSpace();
    if (text[i] !== ':') fail(`expected ':' after the property name, found ${found()}`);
    i++;
  };

  // Reads one scalar, or opens a container; returns true when a complete value was read.
  const readValue = (): boolean => {
    skipSpace();
    if (i >= n) fail('unexpected end of the text, expected a value');
    // Counted as the text is read, so JSON.parse and the walks after it never see a file past the limit.
    if (++values > maxValues) fail(`more than ${maxValues} values (the limit)`, i, 'too-large', []);
    const c = text[i];
    if (c === '{' || c === '[') {
      // No path: at this depth it would be a long run of [0][0]…; the line and column say where.
      if (stack.length >= maxDepth) fail(`nesting deeper than ${maxDepth} levels`, i, 'too-deep', []);
      const array = c === '[';
      const frame: Frame = { array, index: 0, key: undefined, keys: array ? undefined : new Set() };
      i++;
      stack.push(frame);
      skipSpace();
      if (text[i] === (array ? ']' : '}')) {
        i++;
        stack.pop();
        return true;
      }
      if (!array) readKey(frame);
      return false;
    }
    if (c === '"') {
      readString();
      return true;
    }
    if (c === '-' || (c >= '0' && c <= '9')) {
      NUMBER.lastIndex = i;
      if (!NUMBER.test(text)) {
        if (text.startsWith('-Infinity', i)) fail('-Infinity is not JSON; write a finite number');
        fail('invalid number');
      }
      i = NUMBER.lastIndex;
      return true;
    }
    for (const lit of ['true', 'false', 'null']) {
      if (text.startsWith(lit, i)) {
        i += lit.length;
        return true;
      }
    }
    if (text.startsWith('NaN', i) || text.startsWith('Infinity', i)) fail('NaN and Infinity are not JSON; write a finite number');
    if (c === "'") fail('strings must use double quotes');
    if (c === '/') fail('comments are not allowed in JSON');
    return fail(`unexpected ${found()}, expected a value`);
  };

  // After a complete value: closes containers until another value is expected or the text ends.
  const afterValue = (): boolean => {
    for (;;) {
      skipSpace();
      const top = stack[stack.length - 1];
      if (top === undefined) {
        if (i < n) fail(`unexpected ${found()} after the end of the JSON value`);
        return false;
      }
      const close = top.array ? ']' : '}';
      // Reported at the enclosing container, naming the member they follow.
      const member = (): string => (top.array ? `item ${top.index}` : `"${top.key}"`);
      const container = (): PathPart[] => path().slice(0, -1);
      if (text[i] === ',') {
        const comma = i++;
        skipSpace();
        if (text[i] === close) fail(`trailing comma after ${member()}`, comma, 'not-json', container());
        if (top.array) top.index++;
        else readKey(top);
        return true;
      }
      if (text[i] !== close) fail(`expected ',' or '${close}' after ${member()}, found ${found()}`, i, 'not-json', container());
      i++;
      stack.pop();
    }
  };

  try {
    for (;;) {
      if (readValue() && !afterValue()) return null;
    }
  } catch (e) {
    if (e instanceof Stop) return e.problem;
    throw e;
  }
}

export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let k = text.indexOf('\n'); k !== -1 && k < offset; k = text.indexOf('\n', k + 1)) {
    line++;
    lineStart = k + 1;
  }
  return { line, column: offset - lineStart + 1 };
}
