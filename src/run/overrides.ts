import { dirname, resolve as resolvePath } from 'node:path';
import { blockDef } from '../../nodes/index';
import type { Resolver } from '../compile/expand';
import { checkParams } from '../compile/params';
import { type GraphDocument, type ParamValue, type RunSection, validateGraph } from '../graph';
import { SUBGRAPH_FILE_PARAM, SUBGRAPH_TYPE, subgraphRef } from '../graph/subgraphs';
import { InputError } from '../util/inputError';
import type { RunnableGraph } from './runSpec';
import { carrySetThroughEdits } from './setsOnEdits';

/**
 * `--set PATH=VALUE` and a sweep's `set`: PATH is `node.param`, with `/` into sub-graphs as in
 * weight names (`beta.factor`, `main/gru.units`), or a run setting (`run.training.learningRate`).
 * A changed sub-graph is written under a new name (`fig2-main@main.json`) and the Subgraph node
 * points at it, so another use of the same file keeps its own values and the run folder holds
 * exactly what ran.
 */

/** A JSON value where one parses, else the text itself (`rule=literal`). */
function parseValue(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    return raw;
  }
}

export function parseSet(raw: string): { path: string; value: unknown } {
  const eq = raw.indexOf('=');
  if (eq <= 0) throw new InputError('--set', `expects PATH=VALUE (e.g. beta.factor=0.2), got ${JSON.stringify(raw)}`);
  return { path: raw.slice(0, eq).trim(), value: parseValue(raw.slice(eq + 1)) };
}

/** The documents a run uses that are not files on disk, by absolute path. */
export type VirtualFiles = Map<string, GraphDocument>;

export interface Applied {
  doc: RunnableGraph;
  files: VirtualFiles;
}

const refused = (path: string, why: string) => new InputError(`--set ${path}`, why);

/** Applies the overrides in order to a document whose run section is complete. */
export function applySets(doc: RunnableGraph, file: string, sets: readonly { path: string; value: unknown }[], resolve: Resolver): Applied {
  const files: VirtualFiles = new Map();
  let top = doc;
  for (const { path, value } of sets) {
    if (path.startsWith('run.')) top = { ...top, run: setRun(top.run, path, value) };
    else top = carrySetThroughEdits(top, setParam(top, file, path, value, resolve, files) as RunnableGraph, path);
  }
  return { doc: top, files };
}

/** Wraps a resolver so that it finds the changed sub-graphs first. */
export function withFiles(files: VirtualFiles, resolve: Resolver): Resolver {
  return (ref, from) => {
    const at = resolvePath(dirname(from), ref);
    const doc = files.get(at);
    return doc ? { ok: true, doc, file: at } : resolve(ref, from);
  };
}

function setRun(run: RunSection, path: string, value: unknown): RunSection {
  const keys = path.split('.').slice(1);
  const next = structuredClone(run) as unknown as Record<string, unknown>;
  let at = next;
  for (const k of keys.slice(0, -1)) {
    if (typeof at[k] !== 'object' || at[k] === null) at[k] = {};
    at = at[k] as Record<string, unknown>;
  }
  at[keys[keys.length - 1]] = value;
  // The graph schema knows every run setting: an unknown name or a bad value is its refusal.
  const errors = validateGraph({ format: 'slidegraph/graph', version: 1, name: 'set', nodes: [], connections: [], run: next }, path);
  if (errors.length) {
    const e = errors[0];
    const detail = e.message.slice(`${e.source}: ${e.path ? `${e.path}: ` : ''}`.length);
    throw refused(path, e.path === path ? detail : `${e.path}: ${detail}`);
  }
  return next as unknown as RunSection;
}

function setParam(
  doc: GraphDocument,
  file: string,
  path: string,
  value: unknown,
  resolve: Resolver,
  files: VirtualFiles,
  prefix: string[] = [],
): GraphDocument {
  const [head, ...rest] = path.split('/').slice(prefix.length);
  const nodeOf = (id: string) => {
    const n = doc.nodes.find((x) => x.id === id);
    if (!n) {
      const where = prefix.length ? `the sub-graph ${prefix.join('/')}` : 'the graph';
      throw refused(path, `${where} has no node '${id}' (it has ${doc.nodes.map((x) => x.id).join(', ')})`);
    }
    return n;
  };
  if (rest.length > 0) {
    const node = nodeOf(head);
    const ref = subgraphRef(node);
    if (ref === undefined) throw refused(path, `node '${[...prefix, head].join('/')}' is a ${node.type}, not a ${SUBGRAPH_TYPE}`);
    const found = withFiles(files, resolve)(ref, file);
    if (!found.ok) throw refused(path, found.message);
    const inner = setParam(found.doc, found.file, path, value, resolve, files, [...prefix, head]);
    const ours = files.has(resolvePath(dirname(file), ref));
    const renamed = ours ? ref : ref.replace(/(\.json)?$/, `@${[...prefix, head].join('@')}.json`);
    files.set(resolvePath(dirname(file), renamed), inner);
    return { ...doc, nodes: doc.nodes.map((n) => (n === node ? { ...n, params: { ...n.params, [SUBGRAPH_FILE_PARAM]: renamed } } : n)) };
  }
  const dot = head.lastIndexOf('.');
  if (dot <= 0) throw refused(path, 'names no parameter: write node.param (e.g. beta.factor), with / into sub-graphs');
  const node = nodeOf(head.slice(0, dot));
  const param = head.slice(dot + 1);
  const def = blockDef(node.type);
  if (!def) throw refused(path, `node '${node.id}' has the unknown block type ${node.type}`);
  if (!def.params.some((p) => p.name === param))
    throw refused(path, `${node.type} has no parameter '${param}' (it has ${def.params.map((p) => p.name).join(', ') || 'none'})`);
  if (def.role.kind === 'subgraph') throw refused(path, 'a sub-graph file cannot be swapped by --set');
  const params = { ...node.params, [param]: value as ParamValue };
  const check = checkParams(def, params);
  if (!check.ok) throw refused(path, check.message);
  return { ...doc, nodes: doc.nodes.map((n) => (n === node ? { ...n, params } : n)) };
}
