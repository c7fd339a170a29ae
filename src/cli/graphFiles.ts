import { existsSync, statSync } from 'node:fs';
import { dirname, resolve as resolvePath } from 'node:path';
import { compileGraph, type CompileOptions } from '../compile/compile';
import { formatCompileError } from '../compile/errors';
import type { Resolver } from '../compile/expand';
import type { Plan } from '../compile/plan';
import { loadGraph, type GraphDocument } from '../graph';
import { InputError } from '../util/inputError';
import { readText } from './files';

/** A refusal that may carry several lines, each naming the file and the node or field. */
export class GraphFileRefused extends InputError {
  constructor(readonly lines: string[], source: string) {
    super('graph', lines[0], source);
    // The CLI answers in one line: the first problem in full, the rest after it without the repeated file name.
    const prefix = `${source}: `;
    const rest = lines.slice(1).map((l) => (l.startsWith(prefix) ? l.slice(prefix.length) : l));
    this.message = rest.length ? `${lines[0]} (${rest.length} more: ${rest.join('; ')})` : lines[0];
  }
}

export function readGraphFile(path: string): { doc: GraphDocument; migratedFrom?: number } {
  const loaded = loadGraph(readText(path), path);
  if (!loaded.ok) throw new GraphFileRefused(loaded.errors.map((e) => e.message), path);
  return { doc: loaded.doc, ...(loaded.migratedFrom !== undefined ? { migratedFrom: loaded.migratedFrom } : {}) };
}

/** Sub-graph files are found relative to the file that names them. */
export const fileResolver: Resolver = (ref, from) => {
  const file = resolvePath(dirname(from), ref);
  if (!existsSync(file) || !statSync(file).isFile()) return { ok: false, message: `sub-graph file '${ref}' not found (looked for ${file})` };
  const loaded = loadGraph(readText(file), file);
  if (!loaded.ok) return { ok: false, message: `sub-graph '${ref}' is invalid: ${loaded.errors[0].message}` };
  return { ok: true, doc: loaded.doc, file };
};

export function compileGraphFile(path: string, options: Omit<CompileOptions, 'file' | 'resolve'> = {}): { doc: GraphDocument; plan: Plan } {
  const { doc } = readGraphFile(path);
  const result = compileGraph(doc, { ...options, file: resolvePath(path), resolve: fileResolver });
  if (!result.ok) throw new GraphFileRefused(result.errors.map((e) => `${path}: ${formatCompileError(e)}`), path);
  return { doc, plan: result.plan };
}
