import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join, normalize, resolve as resolvePath } from 'node:path';
import type * as tf from '@tensorflow/tfjs';
import type { Resolver } from '../compile/expand';
import { type GraphDocument, serializeGraph } from '../graph';
import { reachableFiles } from '../graph/subgraphs';
import type { Checkpoint, NamedWeights } from '../train/types';
import { namedWeights, parseWeights } from '../train/weightsFile';
import { InputError } from '../util/inputError';
import { readJson, readText } from './files';

/** The files of a run folder; README's "Run folder" section documents each one. */
export const runFiles = {
  graph: 'graph.json',
  run: 'run.json',
  metrics: 'metrics.json',
  csv: 'metrics.csv',
  evaluation: 'evaluation.json',
  weights: 'weights.json',
  model: 'model',
  checkpoints: 'checkpoints',
} as const;

export const checkpointFile = (epoch: number) => `epoch-${String(epoch).padStart(4, '0')}.json`;

export function writeJson(path: string, value: unknown): void {
  writeFileSync(
    path,
    `${JSON.stringify(value, (_k, v) => (v instanceof Float32Array || v instanceof Float64Array ? Array.from(v) : v), 1)}\n`,
  );
}

/** A new run must not overwrite an earlier one: losing a finished run is worse than a refusal. */
export function createRunFolder(dir: string): void {
  if (existsSync(dir) && readdirSync(dir).length > 0) {
    throw new InputError('--out', `${dir} already holds files; continue it with --resume ${dir}, or choose another --out`);
  }
  mkdirSync(join(dir, runFiles.checkpoints), { recursive: true });
}

/**
 * Writes the sub-graphs a graph names into the run folder, as the run used them (with any
 * `--set` values), so its graph.json compiles on its own. Each lands where its reference points
 * from the copy that names it; references that leave the folder ('../x.json') are left to be
 * found as before.
 */
export function copySubgraphs(doc: GraphDocument, fromFile: string, dir: string, resolve: Resolver): void {
  const sources = new Map<string, { file: string; doc: GraphDocument }>([[runFiles.graph, { file: resolvePath(fromFile), doc }]]);
  const locate = (ref: string, from: string) => {
    const target = normalize(join(dirname(from), ref));
    if (target.startsWith('..') || isAbsolute(target)) return undefined;
    if (!sources.has(target)) {
      const found = resolve(ref, sources.get(from)!.file);
      if (!found.ok) return undefined;
      sources.set(target, { file: found.file, doc: found.doc });
    }
    return target;
  };
  for (const { file } of reachableFiles(runFiles.graph, doc, locate, (target) => sources.get(target)?.doc).slice(1)) {
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    writeFileSync(join(dir, file), serializeGraph(sources.get(file)!.doc));
  }
}

function checked(value: unknown, source: string, field: string): NamedWeights {
  const w = namedWeights(value);
  if (typeof w === 'string') throw new InputError(field, w, source);
  return w;
}

/** The final weights of a finished run, for `--init` (the paper's staging) and `evaluate`. */
export function readRunWeights(dir: string): NamedWeights {
  const file = join(dir, runFiles.weights);
  if (!existsSync(file))
    throw new InputError('run folder', `${dir} has no ${runFiles.weights}: the run did not finish (continue it with --resume ${dir})`);
  const w = parseWeights(readText(file));
  if (typeof w === 'string') throw new InputError('weights', w, file);
  return w;
}

/** The newest per-epoch checkpoint, or undefined when the run stopped before its first epoch ended. */
export function latestCheckpoint(dir: string): Checkpoint | undefined {
  const folder = join(dir, runFiles.checkpoints);
  if (!existsSync(folder)) return undefined;
  const last = readdirSync(folder)
    .filter((f) => /^epoch-\d{4}\.json$/.test(f))
    .sort()
    .pop();
  if (!last) return undefined;
  const file = join(folder, last);
  const raw = readJson(file) as {
    epoch?: unknown;
    step?: unknown;
    weights?: unknown;
    optimizer?: { step?: unknown; m?: unknown; v?: unknown };
  };
  if (!Number.isInteger(raw.epoch) || !Number.isInteger(raw.step) || !raw.optimizer || !Number.isInteger(raw.optimizer.step)) {
    throw new InputError('checkpoint', 'is not a Slidegraph checkpoint (epoch, step, weights, optimizer)', file);
  }
  return {
    epoch: raw.epoch as number,
    step: raw.step as number,
    weights: checked(raw.weights, file, 'weights'),
    optimizer: {
      step: raw.optimizer.step as number,
      m: checked(raw.optimizer.m, file, 'optimizer.m'),
      v: checked(raw.optimizer.v, file, 'optimizer.v'),
    },
  };
}

/** TensorFlow.js's own layout: model.json with the weights manifest, and one weights.bin. */
export function writeModel(dir: string, artifacts: tf.io.ModelArtifacts): void {
  const folder = join(dir, runFiles.model);
  mkdirSync(folder, { recursive: true });
  const weightData = artifacts.weightData as ArrayBuffer;
  writeFileSync(join(folder, 'weights.bin'), new Uint8Array(weightData));
  const { weightData: _omit, weightSpecs, ...rest } = artifacts;
  writeJson(join(folder, 'model.json'), { ...rest, weightsManifest: [{ paths: ['weights.bin'], weights: weightSpecs }] });
}
