import type { NamedWeights } from './types';

/**
 * weights.json: named tensors as plain JSON, to start a later run from this one (the stages of
 * fig. 7). The CLI's run folders and the editor write and read the same file, so a run trained
 * headless can seed one in the browser and the other way round.
 */
export function weightsText(w: NamedWeights): string {
  return JSON.stringify({ format: 'slidegraph/weights', version: 1, weights: plainWeights(w) });
}

function plainWeights(w: NamedWeights): Record<string, { shape: number[]; values: number[] }> {
  const out: Record<string, { shape: number[]; values: number[] }> = {};
  for (const [k, v] of Object.entries(w)) out[k] = { shape: v.shape, values: Array.from(v.values) };
  return out;
}

export function parseWeights(text: string): NamedWeights | string {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    return 'not JSON';
  }
  const doc = v as { format?: unknown; weights?: unknown };
  if (doc?.format !== 'slidegraph/weights') return 'not a Slidegraph weights file (expected "format": "slidegraph/weights")';
  return namedWeights(doc.weights);
}

/** Named tensors from parsed JSON, or the reason they are not. */
export function namedWeights(value: unknown): NamedWeights | string {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'weights must be an object of named tensors';
  const out: NamedWeights = {};
  for (const [k, t] of Object.entries(value as Record<string, { shape?: unknown; values?: unknown }>)) {
    const shape = t?.shape;
    const values = t?.values;
    if (!Array.isArray(shape) || !shape.every((d) => Number.isInteger(d) && d >= 0)) return `tensor '${k}' has no valid shape`;
    if (!Array.isArray(values) || !values.every((x) => typeof x === 'number' && Number.isFinite(x)))
      return `tensor '${k}' has non-numeric values`;
    if (values.length !== shape.reduce((a: number, b: number) => a * b, 1))
      return `tensor '${k}' has ${values.length} values for shape [${shape.join(', ')}]`;
    out[k] = { shape, values: Float32Array.from(values) };
  }
  return out;
}
