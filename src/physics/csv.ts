import { InputError } from '../util/inputError';

/** One measured experiment: time (s), the imposed velocity (m/s) and the friction coefficient. */
export interface Experiment {
  /** "file.csv" or "file.csv#label" when the file has a `sequence` column */
  source: string;
  /** which column the velocity came from */
  velocity: 'V' | 'Vlp';
  t: Float64Array;
  V: Float64Array;
  mu: Float64Array;
  /** 1-based file line of each row, so later checks can name the row */
  lines: Int32Array;
}

/**
 * Reads experiments from CSV text. Rules (docs/data.md): comma-separated, a header row, `#`
 * comment lines and blank lines skipped; columns `t`, `V` or `Vlp` (Vlp wins when both are
 * there, it is the imposed one under load-point control), `mu`, and optionally `sequence`,
 * whose value groups rows into experiments in order of first appearance. Other columns are
 * ignored. Every refusal names the file, the line and the column.
 */
export function parseExperimentsCsv(text: string, file: string): Experiment[] {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  let lineNo = 0;
  let header: string[] | null = null;
  const at = (line: number, column?: string) => (column ? `row ${line}, column ${column}` : `row ${line}`);
  let col: { t: number; v: number; mu: number; seq: number; velocity: 'V' | 'Vlp' } | null = null;
  const groups = new Map<string, { t: number[]; V: number[]; mu: number[]; lines: number[] }>();
  for (const raw of lines) {
    lineNo++;
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const cells = line.split(',').map((c) => c.trim());
    if (!header) {
      header = cells;
      const find = (name: string) => header!.indexOf(name);
      const seen = new Set<string>();
      for (const name of header) {
        if (name === '') throw new InputError(at(lineNo), 'the header has an empty column name', file);
        if (seen.has(name)) throw new InputError(at(lineNo, name), 'appears twice in the header', file);
        seen.add(name);
      }
      const velocity = find('Vlp') >= 0 ? 'Vlp' : 'V';
      for (const need of ['t', velocity, 'mu']) {
        if (find(need) < 0)
          throw new InputError(at(lineNo, need), `is missing from the header (need t, V or Vlp, mu; found ${header.join(', ')})`, file);
      }
      col = { t: find('t'), v: find(velocity), mu: find('mu'), seq: find('sequence'), velocity };
      continue;
    }
    const c = col!;
    if (cells.length !== header.length)
      throw new InputError(at(lineNo), `has ${cells.length} cells, the header has ${header.length}`, file);
    const num = (i: number) => {
      const s = cells[i];
      const v = Number(s);
      if (s === '' || !Number.isFinite(v))
        throw new InputError(at(lineNo, header![i]), `must be a finite number, got ${JSON.stringify(s)}`, file);
      return v;
    };
    const label = c.seq >= 0 ? cells[c.seq] : '';
    if (c.seq >= 0 && label === '') throw new InputError(at(lineNo, 'sequence'), 'is empty', file);
    let g = groups.get(label);
    if (!g) groups.set(label, (g = { t: [], V: [], mu: [], lines: [] }));
    const t = num(c.t);
    if (g.t.length && !(t > g.t[g.t.length - 1]))
      throw new InputError(at(lineNo, 't'), `must increase within an experiment (${t} follows ${g.t[g.t.length - 1]})`, file);
    const v = num(c.v);
    if (v < 0) throw new InputError(at(lineNo, header[c.v]), `must be >= 0, got ${v}`, file);
    g.t.push(t);
    g.V.push(v);
    g.mu.push(num(c.mu));
    g.lines.push(lineNo);
  }
  if (!header || !col) throw new InputError('file', 'has no header row (need t, V or Vlp, mu)', file);
  if (groups.size === 0) throw new InputError('file', 'has a header but no data rows', file);
  const out: Experiment[] = [];
  for (const [label, g] of groups) {
    const source = col.seq >= 0 ? `${file}#${label}` : file;
    if (g.t.length < 2) throw new InputError(at(g.lines[0], 't'), `experiment ${source} has one row; it needs at least 2`, file);
    out.push({
      source,
      velocity: col.velocity,
      t: Float64Array.from(g.t),
      V: Float64Array.from(g.V),
      mu: Float64Array.from(g.mu),
      lines: Int32Array.from(g.lines),
    });
  }
  return out;
}

/**
 * One sequence as CSV with columns t, V, mu. Numbers are written in JavaScript's shortest
 * round-trip form, so reading them back gives the same float64 values.
 */
export function experimentCsv(t: ArrayLike<number>, V: ArrayLike<number>, mu: ArrayLike<number>): string {
  let s = 't,V,mu\n';
  for (let i = 0; i < t.length; i++) s += `${t[i]},${V[i]},${mu[i]}\n`;
  return s;
}
