import { DATASET_FIELDS, fieldShape } from '../src/physics/fieldTable';
import type { DataShape, ValueType } from './block';

/** The wire type of every dataset field (physics/fieldTable.ts), plus Predictions for scoring given predictions. */
export function fieldTypes(d: DataShape): Record<string, ValueType> {
  const types: Record<string, ValueType> = { Predictions: { kind: 'sequence', shape: [d.samples] } };
  for (const f of DATASET_FIELDS) types[f.name] = { kind: f.kind, shape: fieldShape(f, d.samples, d.maxJumps) };
  for (const name of d.extra ?? []) types[name] = { kind: 'sequence', shape: [d.samples] };
  return types;
}

/** The shape a dataset's config fixes, its extra channels included, for compiling a graph against it. */
export function dataShapeOf(c: { samples: number; maxJumps: number; extra?: readonly string[] }): DataShape {
  return { samples: c.samples, maxJumps: c.maxJumps, ...(c.extra?.length ? { extra: c.extra } : {}) };
}
