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
