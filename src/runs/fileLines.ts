import { closeSync, openSync, readSync } from 'node:fs';
import { InputError } from '../util/inputError';

// Reading a record from disk is the Node edge's; src/physics/lab/lines.ts splits text already in
// memory and turns lines into records, in the browser too.

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
