import { InputError } from '../../util/inputError';
import { assignColumns, type Column, cellIs, extraFactor, type Role } from './columns';
import { sniffSeparator, splitter, unclosedQuote } from './dialect';
import { records } from './lines';
import { segment, stepTime } from './segments';
import type { Separator } from './separators';

/** A velocity step found in a record: when (s, from its first row) and the new load-point velocity (m/s). */
export interface Step {
  time: number;
  velocity: number;
}

/** One measured experiment in SI units: time (s), the load-point velocity (m/s) and the friction coefficient. */
export interface Experiment {
  /** "file.csv" or "file.csv#label" when the file has a `sequence` column */
  source: string;
  /** the header cell the velocity came from (a displacement column when it was derived) */
  velocity: string;
  t: Float64Array;
  V: Float64Array;
  mu: Float64Array;
  /** 1-based file line of each row, so later checks can name the row */
  lines: Int32Array;
  /**
   * Steps found by piecewise fitting (from a displacement, or a noisy measured velocity), with
   * their times refined between rows; V is then the fitted level on each row. Absent when V
   * came exactly piecewise constant, as in the paper's format.
   */
  steps?: Step[];
  /** channels asked for with `extra`, in SI, by the name they were asked for with */
  extra?: Record<string, Float64Array>;
  /**
   * The slider's velocity on each row (m/s), V − (dμ/dt)/k, when `import --slider-velocity`
   * derived it (src/physics/lab/sliderVelocity.ts); V stays the load point's, which sets the steps.
   */
  slider?: Float64Array;
}

export interface ReadOptions {
  /** the separator, else sniffed from the header */
  sep?: Separator;
  /** header cell per role, overriding the usual names */
  columns?: Partial<Record<Role, string>>;
  /** header cells to keep as extra channels: a whole cell, or its name without the unit */
  extra?: readonly string[];
}

interface Group {
  t: number[];
  v: number[];
  mu: number[];
  lines: number[];
  extra: number[][];
}

const need = 'need a time column, a velocity (V, Vlp) or load-point displacement column, and mu/Friction or shear and normal stress';

/**
 * Reads delimited lab records (docs/lab.md): separators `,` `;` tab or blanks, RFC 4180 quotes,
 * `#` comments, units in the header, a `sequence` column that groups rows into experiments in
 * order of first appearance. Every refusal names the file, the row and the column.
 */
export function readExperiments(lines: Iterable<string>, file: string, options: ReadOptions = {}): Experiment[] {
  let header: string[] | null = null;
  let split: (s: string) => string[] = (s) => [s];
  let sep: Separator = ',';
  let cols = new Map<Role, Column>();
  let extras: (Column & { field: string })[] = [];
  const groups = new Map<string, Group>();
  const at = (line: number, column?: string) => (column ? `row ${line}, column ${column}` : `row ${line}`);
  for (const rec of records(lines)) {
    if (unclosedQuote(rec.text)) throw new InputError(at(rec.line), 'has a quote that is never closed', file);
    if (!header) {
      sep = options.sep ?? sniffSeparator(rec.text);
      split = splitter(sep);
      header = split(rec.text);
      ({ cols, extras } = readHeader(header, options, at(rec.line), file));
      continue;
    }
    const cells = split(rec.text);
    if (cells.length !== header.length)
      throw new InputError(at(rec.line), `has ${cells.length} cells, the header has ${header.length}`, file);
    const num = (c: Column) => {
      const s = cells[c.index];
      // a decimal comma, as `;`-separated files from European locales write them
      const raw = Number(sep !== ',' && /^[-+]?\d*,\d+(e[-+]?\d+)?$/i.test(s) ? s.replace(',', '.') : s);
      // Dividing by 1e6 is exact where multiplying by 1e-6 is not: 10 µm/s is 1e-5 m/s to the bit.
      const v = c.factor < 1 ? raw / Math.round(1 / c.factor) : raw * c.factor;
      if (s === '' || !Number.isFinite(v))
        throw new InputError(at(rec.line, c.name), `must be a finite number, got ${JSON.stringify(s)}`, file);
      return v;
    };
    const seq = cols.get('sequence');
    const label = seq ? cells[seq.index] : '';
    if (seq && label === '') throw new InputError(at(rec.line, seq.name), 'is empty', file);
    let g = groups.get(label);
    if (!g) groups.set(label, (g = { t: [], v: [], mu: [], lines: [], extra: extras.map(() => []) }));
    const time = cols.get('time') as Column;
    const t = num(time);
    if (g.t.length && !(t > g.t[g.t.length - 1]))
      throw new InputError(at(rec.line, time.name), `must increase within an experiment (${t} follows ${g.t[g.t.length - 1]})`, file);
    const vc = (cols.get('velocity') ?? cols.get('displacement')) as Column;
    const v = num(vc);
    if (vc.role === 'velocity' && v < 0) throw new InputError(at(rec.line, vc.name), `must be >= 0, got ${cells[vc.index]}`, file);
    g.t.push(t);
    g.v.push(v);
    g.mu.push(friction(cols, num, at(rec.line), file));
    g.lines.push(rec.line);
    extras.forEach((c, k) => g.extra[k].push(num(c)));
  }
  if (!header) throw new InputError('file', `has no header row (${need})`, file);
  if (groups.size === 0) throw new InputError('file', 'has a header but no data rows', file);
  const out: Experiment[] = [];
  const seq = cols.get('sequence');
  const vc = (cols.get('velocity') ?? cols.get('displacement')) as Column;
  for (const [label, g] of groups) {
    const source = seq ? `${file}#${label}` : file;
    const timeName = (cols.get('time') as Column).name;
    if (g.t.length < 2) throw new InputError(at(g.lines[0], timeName), `experiment ${source} has one row; it needs at least 2`, file);
    const e: Experiment = {
      source,
      velocity: vc.name,
      t: Float64Array.from(g.t),
      V: Float64Array.from(g.v),
      mu: Float64Array.from(g.mu),
      lines: Int32Array.from(g.lines),
      extra: Object.fromEntries(extras.map((c, k) => [c.field, Float64Array.from(g.extra[k])])),
    };
    out.push(vc.role === 'displacement' ? fromDisplacement(e, vc.name, file) : noisyVelocity(e));
  }
  return out;
}

function readHeader(header: string[], options: ReadOptions, at: string, file: string) {
  const seen = new Set<string>();
  for (const name of header) {
    if (name === '') throw new InputError(at, 'the header has an empty column name', file);
    if (seen.has(name)) throw new InputError(`${at}, column ${name}`, 'appears twice in the header', file);
    seen.add(name);
  }
  const cols = assignColumns(header, options.columns ?? {}, at, file);
  const found = `found ${header.join(', ')}`;
  if (!cols.has('time')) throw new InputError(`${at}, column t`, `is missing from the header (${need}; ${found})`, file);
  if (!cols.has('velocity') && !cols.has('displacement'))
    throw new InputError(`${at}, column V`, `is missing from the header (${need}; ${found})`, file);
  if (!cols.has('friction') && !(cols.has('shear') && cols.has('normal')))
    throw new InputError(`${at}, column mu`, `is missing from the header (${need}; ${found})`, file);
  const extras = (options.extra ?? []).map((field) => {
    const index = header.findIndex((h) => cellIs(h, field));
    if (index < 0) throw new InputError(`${at}, column ${field}`, `is asked for by --extra but is not in the header (${found})`, file);
    const known = [...cols.values()].find((c) => c.index === index);
    if (known) return { ...known, field };
    const factor = extraFactor(header[index]);
    if (factor === null)
      throw new InputError(
        `${at}, column ${header[index]}`,
        'has a unit that is not a time, length, stress or velocity, so --extra cannot convert it to SI',
        file,
      );
    return { index, name: header[index], role: 'sequence' as const, factor, field };
  });
  return { cols, extras };
}

function friction(cols: Map<Role, Column>, num: (c: Column) => number, at: string, file: string): number {
  const f = cols.get('friction');
  if (f) return num(f);
  const shear = num(cols.get('shear') as Column);
  const normal = cols.get('normal') as Column;
  const sn = num(normal);
  if (!(sn > 0)) throw new InputError(`${at}, column ${normal.name}`, `must be > 0 to give friction as shear / normal, got ${sn}`, file);
  return shear / sn;
}

/** Rows on which a fitted level stands; a level the noise cannot tell from 0 is a hold, exactly 0. */
function levels(e: Experiment, segs: ReturnType<typeof segment>['segments'], column: string, file: string): Experiment {
  const V = new Float64Array(e.V.length);
  const steps: Step[] = [];
  segs.forEach((s, k) => {
    let v = s.value;
    if (Math.abs(v) < 3 * s.stderr) v = 0;
    if (v < 0)
      throw new InputError(
        `row ${e.lines[s.start]}, column ${column}`,
        `the load point moves backwards (${v.toExponential(3)} m/s) from here to row ${e.lines[s.end - 1]}`,
        file,
      );
    V.fill(v, s.start, s.end);
    if (k > 0) steps.push({ time: stepTime(e.t, segs[k - 1], s) - e.t[0], velocity: v });
  });
  return { ...e, V, steps };
}

/**
 * The shortest segment: 5 rows, or 1/500 of a long record, so that a servo's ramp of a few
 * seconds into a new velocity is one step rather than several.
 */
function minRows(n: number): number {
  return Math.max(Math.min(5, n >> 1), Math.ceil(n / 500));
}

/** The load-point velocity from its displacement: lines fitted piece by piece, a step at each break. */
function fromDisplacement(e: Experiment, column: string, file: string): Experiment {
  const { segments } = segment(e.t, e.V, { degree: 1, minRows: minRows(e.t.length) });
  return levels(e, segments, column, file);
}

/**
 * A measured velocity with noise changes on almost every row; read exactly, every row would be a
 * step. Such a record gets levels fitted instead (a record as the paper writes it, constant
 * between a few jumps, is kept as it is).
 */
function noisyVelocity(e: Experiment): Experiment {
  let changes = 0;
  for (let k = 1; k < e.V.length; k++) if (Math.abs(e.V[k] - e.V[k - 1]) > 1e-6 * Math.max(e.V[k], e.V[k - 1])) changes++;
  if (changes <= 64 || changes <= e.V.length / 4) return e;
  const { segments } = segment(e.t, e.V, { degree: 0, minRows: minRows(e.t.length) });
  return levels(e, segments, e.velocity, e.source.replace(/#.*$/, ''));
}
