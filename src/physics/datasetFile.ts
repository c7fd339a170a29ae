import datasetSchema from '../../schema/dataset.schema.json' with { type: 'json' };
import { schemaValidator } from '../util/ajv';
import { InputError } from '../util/inputError';
import { type FileFormat, type FormatMigration, readVersioned } from '../util/versionedFile';
import { type DataConfig, type Dataset, dataConfig, type Sequence } from './dataset';
import { sequenceFields } from './fields';
import { DATASET_FIELDS, fieldNames, fieldWidth } from './fieldTable';
import { linspace } from './sampling';
import { simulate } from './simulate';

const datasetFormat = 'slidegraph/dataset';
const datasetVersion = 2;

function sequenceJson(s: Sequence): string {
  const record: Record<string, unknown> = { protocol: s.protocol, split: s.split };
  for (const f of fieldNames) {
    const v = s[f];
    record[f] = typeof v === 'number' ? v : Array.from(v);
  }
  if (s.extra) record.extra = Object.fromEntries(Object.entries(s.extra).map(([k, v]) => [k, Array.from(v)]));
  return JSON.stringify(record);
}

/**
 * The dataset file as text chunks, so 15,000 sequences (~100 MB) stream to disk and into a hash
 * without one giant string. Key order is fixed, so the same seed gives the same bytes.
 */
export function* datasetJsonChunks(ds: Dataset): Generator<string> {
  yield `{"format":${JSON.stringify(datasetFormat)},"version":${datasetVersion},"config":${JSON.stringify(ds.config)},"sequences":[\n`;
  for (let i = 0; i < ds.sequences.length; i++) {
    yield sequenceJson(ds.sequences[i]) + (i + 1 < ds.sequences.length ? ',\n' : '\n');
  }
  yield ']}\n';
}

/** The fields a version 1 file lacks, as they are written (plain arrays), from the sequence's protocol. */
function derivedFields(
  config: DataConfig,
  protocol: Sequence['protocol'],
  at: string,
): Record<'MeanV' | 'LogVRatio' | 'JumpPairs', number[]> {
  const ok =
    protocol &&
    Array.isArray(protocol.jumpTimes) &&
    Array.isArray(protocol.velocities) &&
    protocol.velocities.length === protocol.jumpTimes.length + 1 &&
    protocol.jumpTimes.length <= config.maxJumps;
  if (!ok)
    throw new InputError(
      `${at}.protocol`,
      'must hold jumpTimes and velocities (a version 1 file derives MeanV, LogVRatio, JumpPairs from them)',
    );
  const t = linspace(0, config.duration, config.samples);
  const sim = simulate({ params: config.params, duration: config.duration, ...protocol }, t, config.dmuCh);
  const f = sequenceFields(sim, protocol.jumpTimes, protocol.hold, config.vCh, config.maxJumps, protocol.velocities);
  return { MeanV: Array.from(f.MeanV), LogVRatio: Array.from(f.LogVRatio), JumpPairs: Array.from(f.JumpPairs) };
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The config a file states, defaults filled in and checked; refusals name `config.<field>`. */
function configOf(raw: unknown): DataConfig {
  try {
    return dataConfig((isObject(raw) ? raw : {}) as Partial<DataConfig>);
  } catch (e) {
    if (e instanceof InputError) throw new InputError(`config.${e.field}`, e.reason);
    throw e;
  }
}

/**
 * Version 1 files predate MeanV, LogVRatio and JumpPairs, which derive from each sequence's
 * stored protocol, and were drawn with the wave-1 hold rule, which they do not name.
 */
const v1ToV2: FormatMigration = {
  from: 1,
  up: (doc) => {
    const config = { ...(isObject(doc.config) ? doc.config : {}), hold: 'not-first' };
    const c = configOf(config);
    const sequences = Array.isArray(doc.sequences)
      ? doc.sequences.map((s, i) =>
          isObject(s) ? { ...s, ...derivedFields(c, s.protocol as Sequence['protocol'], `sequences[${i}]`) } : s,
        )
      : doc.sequences;
    return { ...doc, version: 2, config, sequences };
  },
};

export const datasetFile: FileFormat = {
  format: datasetFormat,
  version: datasetVersion,
  what: 'a Slidegraph dataset',
  migrations: [v1ToV2],
  validate: schemaValidator(datasetSchema),
};

/** A sequence's extra channels: exactly those the config names, T numbers each. */
function extraChannels(
  raw: unknown,
  names: readonly string[],
  T: number,
  at: string,
  fail: (field: string, why: string) => InputError,
): Record<string, Float64Array> | undefined {
  const got = isObject(raw) ? Object.keys(raw) : [];
  if (raw !== undefined && !isObject(raw)) throw fail(`${at}.extra`, 'must be an object of channels');
  const stray = got.find((k) => !names.includes(k));
  if (stray) throw fail(`${at}.extra.${stray}`, `is not among config.extra (${names.join(', ') || 'none'})`);
  if (names.length === 0) return undefined;
  const out: Record<string, Float64Array> = {};
  for (const name of names) {
    const list = (raw as Record<string, unknown> | undefined)?.[name];
    if (!Array.isArray(list) || list.length !== T) throw fail(`${at}.extra.${name}`, `must be ${T} numbers (config.extra names it)`);
    out[name] = Float64Array.from(list as number[]);
  }
  return out;
}

/**
 * Reads a dataset file back into typed arrays, refusing anything that is not one. The schema
 * (schema/dataset.schema.json, checked with ajv) fixes the structure and the types; what depends
 * on the config (array lengths, sample indices below `samples`) is checked here.
 */
export function parseDataset(value: unknown, source: string): Dataset {
  const v = readVersioned(value, source, datasetFile) as { config: unknown; sequences: Record<string, unknown>[] };
  const fail = (field: string, why: string) => new InputError(field, why, source);
  let config: DataConfig;
  try {
    config = configOf(v.config);
  } catch (e) {
    throw e instanceof InputError ? e.withSource(source) : e;
  }
  const T = config.samples;
  const J = config.maxJumps;
  const sequences = v.sequences.map((s, i): Sequence => {
    const at = `sequences[${i}]`;
    const record: Record<string, unknown> = { protocol: s.protocol, split: s.split };
    for (const f of DATASET_FIELDS) {
      const a = s[f.name] as number | number[];
      if (f.width === 'scalar') {
        if (f.dtype === 'int' && (a as number) >= T) throw fail(`${at}.${f.name}`, `must be a sample index in [0, ${T})`);
        record[f.name] = a;
        continue;
      }
      const n = fieldWidth(f, T, J);
      const list = a as number[];
      if (list.length !== n) throw fail(`${at}.${f.name}`, `must be ${n} numbers, got ${list.length}`);
      if (f.dtype === 'int') {
        if (!list.every((x) => x < T)) throw fail(`${at}.${f.name}`, `must be sample indices in [0, ${T})`);
        record[f.name] = Int32Array.from(list);
      } else record[f.name] = Float64Array.from(list);
    }
    const extra = extraChannels(s.extra, config.extra ?? [], T, at, fail);
    if (extra) record.extra = extra;
    return record as unknown as Sequence;
  });
  return { config, sequences };
}
