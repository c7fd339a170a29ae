import { existsSync, statSync } from 'node:fs';
import { dirname, join, resolve as resolvePath } from 'node:path';
import { type CompileOptions, compileGraph } from '../compile/compile';
import { formatCompileError } from '../compile/errors';
import type { Resolver } from '../compile/expand';
import type { Plan } from '../compile/plan';
import { type GraphDocument, loadGraph } from '../graph';
import { runGraphs } from '../graph/patch';
import { InputError } from '../util/inputError';
import { readText } from './files';
import { packageRoot } from './packageRoot';

/** A refusal that may carry several lines, each naming the file and the node or field. */
class GraphFileRefused extends InputError {
  constructor(
    readonly lines: string[],
    source: string,
  ) {
    super('graph', lines[0], source);
    // The CLI answers in one line: the first problem in full, the rest after it without the repeated file name.
    const prefix = `${source}: `;
    const rest = lines.slice(1).map((l) => (l.startsWith(prefix) ? l.slice(prefix.length) : l));
    this.message = rest.length ? `${lines[0]} (${rest.length} more: ${rest.join('; ')})` : lines[0];
  }
}

export function readGraphFile(path: string): { doc: GraphDocument; migratedFrom?: number } {
  const loaded = loadGraph(readText(path), path);
  if (!loaded.ok)
    throw new GraphFileRefused(
      loaded.errors.map((e) => e.message),
      path,
    );
  return { doc: loaded.doc, ...(loaded.migratedFrom !== undefined ? { migratedFrom: loaded.migratedFrom } : {}) };
}

/** The graphs that ship with Slidegraph: the editor's library, and the last place a sub-graph is looked for. */
export const shippedGraphs = join(packageRoot, 'graphs');

const isFile = (path: string) => existsSync(path) && statSync(path).isFile();

/**
 * Where a sub-graph file is: relative to the file that names it, else among the shipped graphs,
 * so a graph saved from the editor anywhere still finds `fig2-main.json`.
 */
function locateSubgraph(ref: string, from: string): string | { tried: string[] } {
  const tried = [resolvePath(dirname(from), ref), resolvePath(shippedGraphs, ref)];
  return tried.find(isFile) ?? { tried };
}

export const fileResolver: Resolver = (ref, from) => {
  const file = locateSubgraph(ref, from);
  if (typeof file !== 'string') return { ok: false, message: `sub-graph file '${ref}' not found (looked for ${file.tried.join(' and ')})` };
  const loaded = loadGraph(readText(file), file);
  if (!loaded.ok) return { ok: false, message: `sub-graph '${ref}' is invalid: ${loaded.errors[0].message}` };
  return { ok: true, doc: loaded.doc, file };
};

/** Compiles a document as the file at `path` (its sub-graphs are found from there), or refuses it. */
export function compileGraphDoc(
  doc: GraphDocument,
  path: string,
  options: Omit<CompileOptions, 'file' | 'resolve'> = {},
  given: Resolver = fileResolver,
): Plan {
  // A sub-graph used many times is read and validated once per compile.
  const cache = new Map<string, ReturnType<Resolver>>();
  const resolve: Resolver = (ref, from) => {
    const key = `${from}\0${ref}`;
    let found = cache.get(key);
    if (!found) cache.set(key, (found = given(ref, from)));
    return found;
  };
  const result = compileGraph(doc, { ...options, file: resolvePath(path), resolve });
  if (!result.ok)
    throw new GraphFileRefused(
      result.errors.map((e) => `${path}: ${formatCompileError(e)}`),
      path,
    );
  return result.plan;
}

export function compileGraphFile(path: string, options: Omit<CompileOptions, 'file' | 'resolve'> = {}): { doc: GraphDocument; plan: Plan } {
  const { doc } = readGraphFile(path);
  return { doc, plan: compileGraphDoc(doc, path, options) };
}

/**
 * The plan a run starts from and the plans of its recorded edits (`run.edits`, written by the
 * editor for a live-edited run), each compiled for the data's shape: so `train` replays the run.
 */
export function compileRunDoc(
  doc: GraphDocument,
  path: string,
  options: Omit<CompileOptions, 'file' | 'resolve'> = {},
  given: Resolver = fileResolver,
): { plan: Plan; edits: { step: number; plan: Plan; note: string }[] } {
  const { start, edits } = runGraphs(doc);
  const plan = compileGraphDoc(start, path, options, given);
  return {
    plan,
    edits: edits.map((e, i) => {
      try {
        return { step: e.step, note: e.note, plan: compileGraphDoc(e.doc, path, options, given) };
      } catch (err) {
        if (!(err instanceof GraphFileRefused)) throw err;
        throw new InputError(`run.edits[${i}]`, `leaves a graph that does not compile: ${err.message}`, path);
      }
    }),
  };
}
