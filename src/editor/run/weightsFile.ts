import type { NamedWeights } from '../../train/types';

/** weights.json: named tensors as plain JSON, to start a later run from this one (fig. 7 stages). */
export function weightsText(w: NamedWeights): string {
  const out: Record<string, { shape: number[]; values: number[] }> = {};
  for (const [k, v] of Object.entries(w)) out[k] = { shape: v.shape, values: Array.from(v.values) };
  return JSON.stringify({ format: 'slidegraph/weights', version: 1, weights: out });
}

export function parseWeights(text: string): NamedWeights | string {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    return 'not JSON';
  }
  const doc = v as { format?: unknown; weights?: Record<string, { shape?: unknown; values?: unknown }> };
  if (doc?.format !== 'slidegraph/weights' || typeof doc.weights !== 'object' || !doc.weights) return 'not a Slidegraph weights file (expected "format": "slidegraph/weights")';
  const out: NamedWeights = {};
  for (const [k, t] of Object.entries(doc.weights)) {
    const shape = t?.shape;
    const values = t?.values;
    if (!Array.isArray(shape) || !shape.every((d) => Number.isInteger(d) && d >= 0)) return `tensor '${k}' has no valid shape`;
    if (!Array.isArray(values) || !values.every((x) => typeof x === 'number' && Number.isFinite(x))) return `tensor '${k}' has non-numeric values`;
    if (values.length !== shape.reduce((a: number, b: number) => a * b, 1)) return `tensor '${k}' has ${values.length} values for shape [${shape.join(', ')}]`;
    out[k] = { shape, values: Float32Array.from(values) };
  }
  return out;
}
