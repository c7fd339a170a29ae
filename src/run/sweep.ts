import sweepSchema from '../../schema/sweep.schema.json' with { type: 'json' };
import { schemaCheck } from '../util/ajv';
import { InputError } from '../util/inputError';
import type { PointList, PointTask } from './points';
import type { RunPatch } from './runSpec';

/** A sweep file (schema/sweep.schema.json): one graph, lists of values to set, seeds. */
export interface SweepFile {
  format: 'slidegraph/sweep';
  version: 1;
  description?: string;
  graph: string;
  set?: Record<string, unknown[]>;
  seeds?: number[];
  run?: RunPatch;
}

/** One point: the values it sets, its seed, and the setting (the values without the seed) it belongs to. */
export interface SweepPoint {
  name: string;
  values: Record<string, unknown>;
  seed?: number;
  setting: number;
}

const check = schemaCheck(sweepSchema);

export function parseSweep(value: unknown, source: string): SweepFile {
  const problem = check(value);
  if (problem) throw new InputError('sweep', problem, source);
  return value as SweepFile;
}

/** A value's identity: JSON with sorted keys, so 1 and 1.0 (one number once parsed) and reordered objects are one setting. */
function valueKey(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(valueKey).join(',')}]`;
  if (typeof v === 'object' && v !== null)
    return `{${Object.keys(v)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${valueKey((v as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(v);
}

function unique<T>(values: readonly T[]): { kept: T[]; repeated: T[] } {
  const seen = new Set<string>();
  const kept: T[] = [];
  const repeated: T[] = [];
  for (const v of values) {
    const key = valueKey(v);
    if (seen.has(key)) {
      repeated.push(v);
      continue;
    }
    seen.add(key);
    kept.push(v);
  }
  return { kept, repeated };
}

/**
 * The sweep with each list's repeated values folded into one: the same setting
 * trained twice would count twice in its mean. Each fold is said in a note.
 */
export function foldDuplicates(s: SweepFile): { sweep: SweepFile; notes: string[] } {
  const notes: string[] = [];
  const set = Object.fromEntries(
    Object.entries(s.set ?? {}).map(([path, values]) => {
      const { kept, repeated } = unique(values);
      if (repeated.length)
        notes.push(`set["${path}"] lists ${repeated.map((v) => JSON.stringify(v)).join(', ')} more than once; each value is trained once`);
      return [path, kept];
    }),
  );
  // (seeds cannot repeat: the schema's uniqueItems refuses that already)
  return { sweep: { ...s, ...(s.set ? { set } : {}) }, notes };
}

/** The most points one sweep may have: each is a run folder and a process; 10¹⁰ would exhaust memory listing them. */
export const MAX_SWEEP_POINTS = 10_000;

/** Refuses a grid beyond MAX_SWEEP_POINTS before a single point is made, counting it as a product. */
export function requireGridSize(s: SweepFile, source: string): void {
  const sizes = [...Object.values(s.set ?? {}).map((v) => v.length), s.seeds?.length ?? 1];
  const n = sizes.reduce((a, b) => a * b, 1);
  if (n > MAX_SWEEP_POINTS)
    throw new InputError(
      'set',
      `the grid has ${n.toPrecision(3)} points (${sizes.join(' × ')}), more than the limit of ${MAX_SWEEP_POINTS}; sweep fewer values`,
      source,
    );
}

/** The product of every `set` list (first key slowest) and the seeds (fastest). */
export function sweepPoints(s: SweepFile): SweepPoint[] {
  const entries = Object.entries(s.set ?? {});
  let settings: Record<string, unknown>[] = [{}];
  for (const [path, values] of entries) settings = settings.flatMap((v) => values.map((x) => ({ ...v, [path]: x })));
  const seeds: (number | undefined)[] = s.seeds ?? [undefined];
  const used = new Set<string>();
  return settings.flatMap((values, setting) =>
    seeds.map((seed) => {
      let name = pointName(values, seed);
      for (let k = 2; used.has(name); k++) name = `${pointName(values, seed)}-${k}`;
      used.add(name);
      return { name, values, ...(seed !== undefined ? { seed } : {}), setting };
    }),
  );
}

/** A folder name from the values: `beta.factor=0.05_main.gru.units=16_seed=0`. */
function pointName(values: Record<string, unknown>, seed: number | undefined): string {
  const parts = Object.entries(values).map(([path, v]) => `${path.replace(/\//g, '.')}=${typeof v === 'string' ? v : JSON.stringify(v)}`);
  if (seed !== undefined) parts.push(`seed=${seed}`);
  const name = parts
    .join('_')
    .replace(/[^A-Za-z0-9._=+-]+/g, '-')
    .slice(0, 200);
  return name === '' ? 'run' : name;
}

/** DIR/sweep.json: the resolved points, written before any of them starts. */
export interface SweepPointList extends PointList {
  format: 'slidegraph/sweep-points';
  version: 1;
  /** the sweep file as given, and the graph it names (absolute) */
  sweep: string;
  graph: string;
  parameters: string[];
  points: (PointTask & SweepPoint)[];
}
