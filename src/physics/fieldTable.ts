/**
 * The one table of dataset fields (SPEC §1). Physics computes them (fields.ts), the dataset file
 * stores them (datasetFile.ts), packing lays them out (train/pack.ts), the data ports read them
 * (nodes/dataPorts.ts), and the schemas and the editor's catalogue describe them, all from here.
 * Adding a field is one row here plus its computation in sequenceFields.
 */

/** What the field holds per sequence; the wire kinds of nodes/block.ts. */
type FieldKind = 'sequence' | 'jumps' | 'index';
/** Its length: T samples, T-1 sample pairs, J jump slots, or one number. */
type FieldWidth = 'T' | 'T-1' | 'J' | 'scalar';
/** float: real values (float64 in physics, float32 packed); int: 0-based sample indices in [0, T). */
type FieldDtype = 'float' | 'int';

export interface FieldSpec {
  name: string;
  kind: FieldKind;
  width: FieldWidth;
  dtype: FieldDtype;
  description: string;
}

export const DATASET_FIELDS = [
  {
    name: 'Features',
    kind: 'sequence',
    width: 'T',
    dtype: 'float',
    description: 'The velocity protocol at the samples, V / Vch (the network input).',
  },
  {
    name: 'Targets',
    kind: 'sequence',
    width: 'T',
    dtype: 'float',
    description: 'Normalized friction change (mu - mu(0)) / dmu_ch at the samples.',
  },
  {
    name: 'PosBeforeJ',
    kind: 'index',
    width: 'J',
    dtype: 'int',
    description: 'For each jump, the 0-based index of the last sample before it (0 for padded jumps).',
  },
  {
    name: 'PosAfterJ',
    kind: 'index',
    width: 'J',
    dtype: 'int',
    description: 'PosBeforeJ + 1: the first sample after each jump (0 for padded jumps).',
  },
  {
    name: 'DeltaF',
    kind: 'jumps',
    width: 'J',
    dtype: 'float',
    description: "The data's friction jump at each velocity jump, Targets[PosAfterJ] - Targets[PosBeforeJ] (0 for padded jumps).",
  },
  {
    name: 'Nh',
    kind: 'index',
    width: 'scalar',
    dtype: 'int',
    description: 'The 0-based index of the last sample inside the hold (0 when the hold holds no sample).',
  },
  {
    name: 'LogTerms',
    kind: 'sequence',
    width: 'T',
    dtype: 'float',
    description: '1 / log(n / N_h) at hold samples n = 1..N_h-1, 0 elsewhere (eq. 12 weights).',
  },
  {
    name: 'HoldPairs',
    kind: 'sequence',
    width: 'T-1',
    dtype: 'float',
    description: '1 where samples i and i+1 are both in the hold with n+1 <= N_h-1, else 0 (the pairs of eq. 13).',
  },
] as const satisfies readonly FieldSpec[];

type Table = (typeof DATASET_FIELDS)[number];
export type FieldName = Table['name'];

export const fieldNames: readonly FieldName[] = DATASET_FIELDS.map((f) => f.name);

/** The per-sequence values of every field: scalars are numbers, the rest typed arrays. */
export type SequenceFields = {
  [F in Table as F['name']]: F['width'] extends 'scalar' ? number : F['dtype'] extends 'int' ? Int32Array : Float64Array;
};

/** The packed columns of each dtype: float fields as float32, int fields as int32. */
export type FloatFieldName = Extract<Table, { dtype: 'float' }>['name'];
export type IntFieldName = Extract<Table, { dtype: 'int' }>['name'];

/** The number of values a field holds per sequence (a scalar counts 1). */
export function fieldWidth(f: Pick<FieldSpec, 'width'>, samples: number, maxJumps: number): number {
  switch (f.width) {
    case 'T':
      return samples;
    case 'T-1':
      return samples - 1;
    case 'J':
      return maxJumps;
    case 'scalar':
      return 1;
  }
}

/** The per-sequence shape on a wire: [] for a scalar, else [width]. */
export function fieldShape(f: Pick<FieldSpec, 'width'>, samples: number, maxJumps: number): number[] {
  return f.width === 'scalar' ? [] : [fieldWidth(f, samples, maxJumps)];
}
