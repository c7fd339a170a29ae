import weightsSchema from '../../schema/weights.schema.json' with { type: 'json' };
import { schemaValidator } from '../util/ajv';
import { InputError } from '../util/inputError';
import { NonFiniteValue, requireFiniteValues } from '../util/nonFinite';
import { type FileFormat, readVersioned } from '../util/versionedFile';
import type { NamedWeights } from './types';

/**
 * weights.json: named tensors as plain JSON, to start a later run from this one (the stages of
 * fig. 7). The CLI's run folders and the editor write and read the same file, so a run trained
 * headless can seed one in the browser and the other way round.
 */
export function weightsText(w: NamedWeights): string {
  return JSON.stringify({ format: weightsFormat.format, version: weightsFormat.version, weights: plainWeights(w) });
}

function plainWeights(w: NamedWeights): Record<string, { shape: number[]; values: number[] }> {
  const out: Record<string, { shape: number[]; values: number[] }> = {};
  for (const [k, v] of Object.entries(w)) out[k] = { shape: v.shape, values: Array.from(v.values) };
  return out;
}

export const weightsFormat: FileFormat = {
  format: 'slidegraph/weights',
  version: 1,
  what: 'a Slidegraph weights file',
  migrations: [],
  validate: schemaValidator(weightsSchema),
};

/** A weights file's text as named tensors, or the reason (`field: what is wrong`) it is not one. */
export function parseWeights(text: string): NamedWeights | string {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    return 'not JSON';
  }
  try {
    return weightsFrom(v, '');
  } catch (e) {
    if (e instanceof InputError) return `${e.field}: ${e.reason}`;
    if (e instanceof NonFiniteValue) return `${e.what}: is ${e.value}, not a finite number`;
    throw e;
  }
}

/** A parsed weights file as named tensors; a refusal names the file and the field. */
export function weightsFrom(value: unknown, file: string): NamedWeights {
  const doc = readVersioned(value, file, weightsFormat) as { weights: Record<string, PlainTensor> };
  try {
    return namedWeights(doc.weights);
  } catch (e) {
    throw e instanceof InputError || e instanceof NonFiniteValue ? e.withSource(file) : e;
  }
}

export interface PlainTensor {
  shape: number[];
  values: number[];
}

/**
 * Named tensors from tensors a schema has checked (weights.schema.json's namedTensors): what the
 * schema cannot say, that the values fill the shape, is checked here.
 */
export function namedWeights(value: Record<string, PlainTensor>, at = 'weights'): NamedWeights {
  const out: NamedWeights = {};
  for (const [k, t] of Object.entries(value)) {
    const size = t.shape.reduce((a, b) => a * b, 1);
    if (t.values.length !== size)
      throw new InputError(`${at}.${k}`, `has ${t.values.length} values for shape [${t.shape.join(', ')}] (${size} values)`);
    const values = Float32Array.from(t.values);
    // 1e39 is a JSON number but Infinity as a 32-bit float: every output it touches would be NaN.
    requireFiniteValues(values, `${at}.${k}`);
    Object.defineProperty(out, k, {
      value: { shape: t.shape, values },
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return out;
}
