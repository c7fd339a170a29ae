import { esc } from '../plots/svg';

/** The look every self-contained report page shares (no script, nothing fetched). */
export const pageStyle =
  'body{font-family:sans-serif;max-width:960px;margin:2em auto;padding:0 1em}table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:4px 10px;text-align:right}caption{font-weight:bold;text-align:left}figure{margin:1.5em 0}figure svg{max-width:100%;height:auto}';

/** A captioned table; numbers are shown to 4 significant digits, text escaped. */
export function htmlTable(id: string, caption: string, head: string[], rows: (string | number)[][]): string {
  const cell = (c: string | number) => `<td>${typeof c === 'number' ? c.toPrecision(4) : esc(c)}</td>`;
  return `<table id="${id}"><caption>${esc(caption)}</caption><tr>${head.map((h) => `<th>${esc(h)}</th>`).join('')}</tr>${rows
    .map((r) => `<tr>${r.map(cell).join('')}</tr>`)
    .join('')}</table>`;
}
