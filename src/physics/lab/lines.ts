/** One logical record of a delimited file: its text and the 1-based line it starts on. */
export interface SourceLine {
  text: string;
  line: number;
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
