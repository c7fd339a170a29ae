import { closeSync, openSync, readSync } from 'node:fs';
import { InputError } from '../../util/inputError';

/** One logical record of a delimited file: its text and the 1-based line it starts on. */
export interface SourceLine {
  text: string;
  line: number;
}

/**
 * The physical lines of a file, read in 1 MiB chunks so that a record of millions of rows never
 * sits in memory as one string. CRLF and a leading BOM are dropped here, once.
 */
export function* fileLines(path: string, chunkBytes = 1 << 20): Generator<string> {
  const fd = openSync(path, 'r');
  try {
    const decoder = new TextDecoder('utf-8', { fatal: true });
    const buf = Buffer.allocUnsafe(chunkBytes);
    let rest = '';
    let first = true;
    let lineNo = 0;
    for (;;) {
      const n = readSync(fd, buf, 0, chunkBytes, null);
      try {
        rest += n > 0 ? decoder.decode(buf.subarray(0, n), { stream: true }) : decoder.decode();
      } catch {
        throw new InputError('file', `is not UTF-8 text (a byte sequence after line ${lineNo} is not valid UTF-8)`, path);
      }
      if (first && rest.length > 0) {
        rest = rest.replace(/^\uFEFF/, '');
        first = false;
      }
      const parts = rest.split('\n');
      rest = n > 0 ? (parts.pop() ?? '') : '';
      if (n === 0 && parts[parts.length - 1] === '') parts.pop();
      for (const p of parts) {
        lineNo++;
        yield p.endsWith('\r') ? p.slice(0, -1) : p;
      }
      if (n === 0) break;
    }
  } finally {
    closeSync(fd);
  }
}

/** The same lines from text already in memory. */
export function* textLines(text: string): Generator<string> {
  const lines = text.replace(/^\uFEFF/, '').split('\n');
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  for (const l of lines) yield l.endsWith('\r') ? l.slice(0, -1) : l;
}

/**
 * Logical records: RFC 4180 lets a quoted field hold a line break, so a line with an unclosed
 * quote continues on the next. Blank lines and `#` comment lines (outside quotes) are skipped.
 */
export function* records(lines: Iterable<string>): Generator<SourceLine> {
  let lineNo = 0;
  let open: SourceLine | null = null;
  for (const raw of lines) {
    lineNo++;
    if (open) {
      open.text += `\n${raw}`;
    } else {
      const trimmed = raw.trim();
      if (trimmed === '' || trimmed.startsWith('#')) continue;
      open = { text: raw, line: lineNo };
    }
    if (quoteCount(open.text) % 2 === 0) {
      yield open;
      open = null;
    }
  }
  if (open) yield open; // an unclosed quote at the end: the parser refuses it by its row
}

function quoteCount(s: string): number {
  let n = 0;
  for (let i = s.indexOf('"'); i >= 0; i = s.indexOf('"', i + 1)) n++;
  return n;
}
