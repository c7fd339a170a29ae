import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, normalize, relative, resolve as resolvePath, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import type * as tf from '@tensorflow/tfjs-core';
import type { Resolver } from '../compile/expand';
import { type GraphDocument, serializeGraph } from '../graph';
import { SUBGRAPH_FILE_PARAM, subgraphRef } from '../graph/subgraphs';
import type { NamedWeights } from '../train/types';
import { weightsFrom } from '../train/weightsFile';
import { InputError } from '../util/inputError';
import { syncFolder, writeErrorOf, writeFileAtomic } from './atomicWrite';
import { readJson } from './files';
import { acquireRunLock, LOCK_FILE, lockIsStale, refuseIfHeld } from './runLock';

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

/** Every file of a run folder is written whole or not at all (see atomicWrite). */
export function writeJson(path: string, value: unknown): void {
  writeFileAtomic(
    path,
    `${JSON.stringify(value, (_k, v) => (v instanceof Float32Array || v instanceof Float64Array ? Array.from(v) : v), 1)}\n`,
  );
}

/**
 * Creates a run folder and takes its lock (the function that releases it is returned). A new
 * run must not overwrite an earlier one: losing a finished run is worse than a refusal. A folder
 * without graph.json whose lock is stale is a run that died while it was being set up (before
 * any epoch): it holds nothing to keep, so its lock is taken over (atomically: of two processes
 * that find it, one goes on) and the rest is cleared.
 */
export function createRunFolder(dir: string): () => void {
  let entries: string[] = [];
  try {
    if (existsSync(dir)) {
      if (!statSync(dir).isDirectory()) throw new InputError('--out', `${dir} is a file, not a folder; choose another --out`);
      entries = readdirSync(dir);
    }
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw writeErrorOf(dir, e);
  }
  if (entries.includes(LOCK_FILE)) refuseIfHeld(dir);
  const abandoned = entries.includes(LOCK_FILE) && !entries.includes(runFiles.graph) && lockIsStale(dir);
  if (abandoned) {
    const release = acquireRunLock(dir);
    // What the dead run left; not the lock files of processes that are taking it now (refused, they remove their own).
    for (const f of entries) if (!f.startsWith(LOCK_FILE)) rmSync(join(dir, f), { recursive: true, force: true });
    mkdirOrFail(join(dir, runFiles.checkpoints), dir);
    return release;
  }
  if (entries.length > 0) {
    const hint = entries.includes(runFiles.graph) ? `continue it with --resume ${dir}, or choose another --out` : 'choose another --out';
    throw new InputError('--out', `${dir} already holds files; ${hint}`);
  }
  // The folder itself first: a recursive mkdir reports a read-only filesystem as ENOENT.
  if (!existsSync(dir)) mkdirOrFail(dir, dir, !existsSync(dirname(dir)));
  mkdirOrFail(join(dir, runFiles.checkpoints), dir);
  syncFolder(dirname(dir));
  return acquireRunLock(dir);
}

/** A command's --out folder (a sweep's, a reproduction's), made with its parents; a file in the way is one line, exit 2. */
export function makeOutFolder(dir: string): void {
  if (existsSync(dir) && !statSync(dir).isDirectory())
    throw new InputError('--out', `${dir} is a file, not a folder; choose another --out`);
  mkdirOrFail(dir, dir);
}

function mkdirOrFail(path: string, dir: string, recursive = true): void {
  try {
    mkdirSync(path, { recursive });
  } catch (e) {
    throw writeErrorOf(dir, e);
  }
}

/**
 * Writes the sub-graphs a graph names into the run folder, as the run used them (with any
 * `--set` values), and returns the graph as the folder's graph.json must say it, so the folder
 * compiles on its own whatever the paths were. A sub-graph named by a path inside the graph's
 * folder lands where its reference points; one named by `../` or an absolute path is placed
 * under subgraphs/ and its reference rewritten. Only documents that loaded as graphs are written
 * (the graph has compiled before this runs), never raw copies of whatever a path names.
 */
export function copySubgraphs<D extends GraphDocument>(doc: D, fromFile: string, dir: string, resolve: Resolver): D {
  const placed = new Map<string, string>();
  const used = new Set<string>([runFiles.graph, runFiles.run, runFiles.metrics, runFiles.csv, runFiles.evaluation, runFiles.weights]);
  const place = (d: GraphDocument, from: string, at: string): GraphDocument => {
    let changed = false;
    const nodes = d.nodes.map((n) => {
      const ref = subgraphRef(n);
      if (!ref) return n;
      const found = resolve(ref, from);
      if (!found.ok) return n;
      let target = placed.get(found.file);
      if (target === undefined) {
        const natural = isAbsolute(ref) ? '' : normalize(join(dirname(at), ref));
        target = natural && !reserved(natural) && !used.has(natural) ? natural : uniqueUnder(`subgraphs/${plainName(found.file)}`, used);
        used.add(target);
        placed.set(found.file, target);
        writeInto(dir, target, serializeGraph(place(found.doc, found.file, target)), copyMode(found.file));
      }
      const rel = relative(dirname(at), target).split(sep).join('/');
      if (rel === ref) return n;
      changed = true;
      return { ...n, params: { ...n.params, [SUBGRAPH_FILE_PARAM]: rel } };
    });
    return anchoredSchema(changed ? { ...d, nodes } : d, from);
  };
  return place(doc, resolvePath(fromFile), runFiles.graph) as D;
}

/**
 * Names a copied sub-graph may not take: one above or outside the folder, the run's own
 * folders (model/, checkpoints/), and dotted names (the lock `.lock`, its claims, temporary files).
 */
function reserved(path: string): boolean {
  if (isAbsolute(path)) return true;
  const parts = path.split(/[/\\]/);
  return parts.some((p) => p === '..' || p.startsWith('.')) || parts[0] === runFiles.model || parts[0] === runFiles.checkpoints;
}

/** A file's name without leading dots, so `.lock` is copied as `subgraphs/lock`. */
const plainName = (file: string) => basename(file).replace(/^\.+/, '') || 'subgraph.json';

/**
 * The mode a copy gets: the source's, never wider than rw-r--r--, so a private (600) sub-graph
 * stays private in the run folder.
 */
export function copyMode(source: string): number {
  try {
    return statSync(source).mode & 0o644;
  } catch {
    return 0o644;
  }
}

/**
 * A copy's `$schema`: a relative one (the shipped graphs say `../schema/graph.schema.json`) would
 * dangle in the run folder, so it is resolved against the file it was written in, to an absolute
 * file URL (the schema of the installed package, for the shipped graphs). URLs stay as they are.
 */
function anchoredSchema(doc: GraphDocument, from: string): GraphDocument {
  const ref = doc.$schema;
  if (ref === undefined || /^[a-z][a-z0-9+.-]+:/i.test(ref)) return doc;
  return { ...doc, $schema: pathToFileURL(resolvePath(dirname(from), ref)).href };
}

function uniqueUnder(path: string, used: Set<string>): string {
  if (!used.has(path)) return path;
  const stem = path.replace(/\.json$/, '');
  for (let k = 2; ; k++) if (!used.has(`${stem}-${k}.json`)) return `${stem}-${k}.json`;
}

function writeInto(dir: string, target: string, text: string, mode: number): void {
  const file = join(dir, target);
  try {
    mkdirSync(dirname(file), { recursive: true });
  } catch (e) {
    throw writeErrorOf(file, e);
  }
  writeFileAtomic(file, text, mode);
}

/** The final weights of a finished run, for `--init` (the paper's staging) and `evaluate`. */
export function readRunWeights(dir: string): NamedWeights {
  const file = join(dir, runFiles.weights);
  if (!existsSync(file))
    throw new InputError('run folder', `${dir} has no ${runFiles.weights}: the run did not finish (continue it with --resume ${dir})`);
  return weightsFrom(readJson(file), file);
}

/** TensorFlow.js's own layout: model.json with the weights manifest, and one weights.bin. */
export function writeModel(dir: string, artifacts: tf.io.ModelArtifacts): void {
  const folder = join(dir, runFiles.model);
  try {
    mkdirSync(folder, { recursive: true });
  } catch (e) {
    throw writeErrorOf(folder, e);
  }
  const weightData = artifacts.weightData as ArrayBuffer;
  writeFileAtomic(join(folder, 'weights.bin'), new Uint8Array(weightData));
  const { weightData: _omit, weightSpecs, ...rest } = artifacts;
  writeJson(join(folder, 'model.json'), { ...rest, weightsManifest: [{ paths: ['weights.bin'], weights: weightSpecs }] });
}
