import { InputError } from '../util/inputError';
import { type DataConfig, type Dataset, dataConfig, type Sequence } from './dataset';
import { type SequenceFields, sequenceFields } from './fields';
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

function derivedFields(
  config: DataConfig,
  protocol: Sequence['protocol'],
  at: string,
  fail: (field: string, why: string) => InputError,
): Pick<SequenceFields, 'MeanV' | 'LogVRatio' | 'JumpPairs'> {
  const ok =
    protocol &&
    Array.isArray(protocol.jumpTimes) &&
    Array.isArray(protocol.velocities) &&
    protocol.velocities.length === protocol.jumpTimes.length + 1 &&
    protocol.jumpTimes.length <= config.maxJumps;
  if (!ok)
    throw fail(`${at}.protocol`, 'must hold jumpTimes and velocities (a version 1 file derives MeanV, LogVRatio, JumpPairs from them)');
  const t = linspace(0, config.duration, config.samples);
  const sim = simulate({ params: config.params, duration: config.duration, ...protocol }, t, config.dmuCh);
  return sequenceFields(sim, protocol.jumpTimes, protocol.hold, config.vCh, config.maxJumps, protocol.velocities);
}

/** Reads a dataset file back into typed arrays, refusing anything that is not one. */
export function parseDataset(value: unknown, source: string): Dataset {
  const fail = (field: string, why: string) => new InputError(field, why, source);
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw fail('file', 'is not a Slidegraph dataset (expected a JSON object)');
  const v = value as Record<string, unknown>;
  if (v.format !== datasetFormat) throw fail('format', `must be "${datasetFormat}", got ${JSON.stringify(v.format)}`);
  if (v.version !== datasetVersion && v.version !== 1)
    throw fail('version', `must be 1 or ${datasetVersion}, got ${JSON.stringify(v.version)}`);
  const legacy = v.version === 1;
  // version 1 files were drawn with the wave-1 hold rule and carry no hold setting
  const config = dataConfig({ ...(legacy ? { hold: 'not-first' } : {}), ...((v.config ?? {}) as Partial<DataConfig>) });
  if (!Array.isArray(v.sequences)) throw fail('sequences', 'must be an array');
  const T = config.samples;
  const J = config.maxJumps;
  const sequences = v.sequences.map((raw, i): Sequence => {
    const at = `sequences[${i}]`;
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw fail(at, 'must be an object (one sequence)');
    const s = raw as Record<string, unknown>;
    if (s.split !== 'train' && s.split !== 'test') throw fail(`${at}.split`, 'must be "train" or "test"');
    const record: Record<string, unknown> = { protocol: s.protocol, split: s.split };
    // version 1 files predate MeanV, LogVRatio and JumpPairs; they derive from the stored protocol
    const derived: Record<string, unknown> | undefined = legacy
      ? derivedFields(config, s.protocol as Sequence['protocol'], at, fail)
      : undefined;
    for (const f of DATASET_FIELDS) {
      if (derived && f.name in derived) {
        record[f.name] = derived[f.name];
        continue;
      }
      const a = s[f.name];
      if (f.width === 'scalar') {
        const ok = typeof a === 'number' && (f.dtype === 'int' ? Number.isInteger(a) && a >= 0 && a < T : Number.isFinite(a));
        if (!ok) throw fail(`${at}.${f.name}`, f.dtype === 'int' ? `must be a sample index in [0, ${T})` : 'must be a finite number');
        record[f.name] = a;
        continue;
      }
      const n = fieldWidth(f, T, J);
      if (!Array.isArray(a) || a.length !== n || !a.every((x) => typeof x === 'number' && Number.isFinite(x)))
        throw fail(`${at}.${f.name}`, `must be ${n} finite numbers`);
      if (f.dtype === 'int') {
        if (!a.every((x) => Number.isInteger(x) && x >= 0 && x < T)) throw fail(`${at}.${f.name}`, `must be sample indices in [0, ${T})`);
        record[f.name] = Int32Array.from(a);
      } else record[f.name] = Float64Array.from(a);
    }
    return record as unknown as Sequence;
  });
  return { config, sequences };
}
