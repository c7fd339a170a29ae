import fitSchema from '../../schema/fit.schema.json' with { type: 'json' };
import type { Step } from '../physics/lab/record';
import type { StateLaw } from '../physics/stateLaws';
import { schemaValidator } from '../util/ajv';
import { InputError } from '../util/inputError';
import { type FileFormat, readVersioned } from '../util/versionedFile';

/** `fit --json` and DIR/fit.json, as written and read back (schema/fit.schema.json). */
export interface FitFile {
  law: StateLaw;
  states: 1 | 2;
  params: { a: number; b: number; dc: number; b2?: number; dc2?: number; k: number; mu0: number; trend: number };
  /** the record's noise sd of μ; null where it had fewer than 3 rows before its first step */
  noise: number | null;
  steps: Step[];
  record: { v0: number; duration: number; sampleRate: number };
}

export const fitHeader = { format: 'slidegraph/fit', version: 2 } as const;

/**
 * Version 1 lacked the record's first velocity, length and sample rate, and none of them can be
 * recovered from what it holds (the step times do not say where the record ended), so it is
 * refused with the command that writes version 2 rather than upgraded with guesses.
 */
const v1Refused = {
  from: 1,
  up: (): never => {
    throw new InputError(
      'version',
      'is 1, which lacks the record (its first velocity, duration and sample rate); fit the record again with this Slidegraph (slidegraph fit RECORD --out DIR) to write version 2',
    );
  },
};

const fitFormat: FileFormat = {
  ...fitHeader,
  what: 'a Slidegraph fit (fit --json, or fit.json from fit --out DIR)',
  migrations: [v1Refused],
  validate: schemaValidator(fitSchema),
};

/**
 * The physical values a simulation divides by or takes logarithms of, checked beyond the schema:
 * JSON reads 1e999 as Infinity, and a hand-edited file may hold a ≤ 0 or a zero stiffness.
 */
function checkPhysical(f: FitFile, file: string): void {
  const positive: [string, number | undefined][] = [
    ['params.a', f.params.a],
    ['params.dc', f.params.dc],
    ['params.k', f.params.k],
    ['record.v0', f.record.v0],
    ['record.duration', f.record.duration],
    ['record.sampleRate', f.record.sampleRate],
    ...(f.states === 2 ? ([['params.dc2', f.params.dc2]] as [string, number | undefined][]) : []),
  ];
  const finite: [string, number | undefined][] = [
    ['params.b', f.params.b],
    ['params.mu0', f.params.mu0],
    ['params.trend', f.params.trend],
    ...(f.states === 2 ? ([['params.b2', f.params.b2]] as [string, number | undefined][]) : []),
    ...f.steps.map((s, i): [string, number] => [`steps[${i}].velocity`, s.velocity]),
  ];
  for (const [field, v] of finite)
    if (v === undefined || !Number.isFinite(v)) throw new InputError(field, `must be a finite number, got ${v}`, file);
  for (const [field, v] of positive)
    if (v === undefined || !(Number.isFinite(v) && v > 0)) throw new InputError(field, `must be a finite number > 0, got ${v}`, file);
  f.steps.forEach((s, i) => {
    if (!(s.time > 0 && s.time < f.record.duration))
      throw new InputError(`steps[${i}].time`, `must lie inside the record (0, ${f.record.duration} s), got ${s.time}`, file);
  });
}

/** A parsed fit file upgraded or refused, and checked; every refusal is one line naming the file and the field. */
export function parseFitFile(value: unknown, file: string): FitFile {
  const f = readVersioned(value, file, fitFormat) as unknown as FitFile;
  checkPhysical(f, file);
  return f;
}
