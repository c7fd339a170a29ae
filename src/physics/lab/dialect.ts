import { dsvFormat } from 'd3-dsv';
import type { Separator } from './separators';

/**
 * The separator from the header line: the most frequent of tab, `;` and `,` outside quotes (a
 * header holds no decimal commas, so `;` files with decimal commas are still seen right), else
 * runs of blanks when the header has any, else a single column.
 */
export function sniffSeparator(header: string): Separator {
  const counts = new Map<Separator, number>([
    ['\t', 0],
    [';', 0],
    [',', 0],
  ]);
  let quoted = false;
  for (const ch of header) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && counts.has(ch as Separator)) counts.set(ch as Separator, (counts.get(ch as Separator) ?? 0) + 1);
  }
  let best: Separator = ',';
  let most = 0;
  for (const [sep, n] of counts)
    if (n > most) {
      best = sep;
      most = n;
    }
  if (most === 0 && /\S\s+\S/.test(header.trim())) return 'spaces';
  return best;
}

/** Splits one logical record into cells (RFC 4180 quoting through d3-dsv); cells are trimmed. */
export function splitter(sep: Separator): (text: string) => string[] {
  // a unit in brackets stays with its name: `t [ms]` is one header cell
  if (sep === 'spaces')
    return (text) =>
      text
        .trim()
        .split(/\s+/)
        .reduce<string[]>((cells, w) => {
          if (cells.length > 0 && /^[([]/.test(w)) cells[cells.length - 1] += ` ${w}`;
          else cells.push(w);
          return cells;
        }, []);
  const format = dsvFormat(sep);
  return (text) => (format.parseRows(text)[0] ?? ['']).map((c) => c.trim());
}

/** True when a record has a quote that never closes (d3-dsv would silently take the rest). */
export function unclosedQuote(text: string): boolean {
  let n = 0;
  for (const ch of text) if (ch === '"') n++;
  return n % 2 === 1;
}
