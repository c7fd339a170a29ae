import { blockDef } from '../../nodes/index';
import type { GraphConnection, GraphDocument, ParamValue } from '../graph';
import { MAX_EXPANDED_BLOCKS, MAX_SUBGRAPH_DEPTH } from '../graph/limits';
import { subgraphRef } from '../graph/subgraphs';
import type { CompileError } from './errors';

/** Loads the file a Subgraph block names, relative to the file that names it. */
export type Resolver = (ref: string, from: string) => { ok: true; doc: GraphDocument; file: string } | { ok: false; message: string };

/** '$in' and '$out' stand where a sub-graph's Input and Output blocks (its ports) were: plain pass-throughs. */
export interface FlatNode {
  id: string;
  type: string;
  params: Record<string, ParamValue>;
  /** node ids from the top-level file down to this node */
  path: string[];
}

export interface FlatGraph {
  nodes: FlatNode[];
  connections: GraphConnection[];
  /** per top-level Subgraph node: its socket names and the pass-through nodes behind them */
  boundaries: Map<string, { inputs: Map<string, string>; outputs: Map<string, string> }>;
  /** blocks expanded so far, Subgraph blocks included, against MAX_EXPANDED_BLOCKS */
  expanded: number;
}

const SEP = '/';

/**
 * Phase 1: every Subgraph block replaced by the blocks of the file it names, recursively, so the
 * later phases see one flat graph. A sub-graph's ports become pass-throughs wired to the
 * Subgraph block's wires. Errors name the top-level block they happened under.
 */
export function expandSubgraphs(
  doc: GraphDocument,
  file: string,
  resolve: Resolver | undefined,
): { graph: FlatGraph; errors: CompileError[] } {
  const errors: CompileError[] = [];
  const graph: FlatGraph = { nodes: [], connections: [], boundaries: new Map(), expanded: 0 };
  expandInto(doc, file, [], [file], resolve, errors, graph);
  return { graph, errors };
}

function expandInto(
  doc: GraphDocument,
  file: string,
  prefix: string[],
  stack: string[],
  resolve: Resolver | undefined,
  errors: CompileError[],
  out: FlatGraph,
): { inputs: Map<string, string>; outputs: Map<string, string> } {
  const inner = prefix.length > 0;
  const own = { inputs: new Map<string, string>(), outputs: new Map<string, string>() };
  const subs = new Map<string, { inputs: Map<string, string>; outputs: Map<string, string> }>();
  const flatId = (id: string) => [...prefix, id].join(SEP);
  const fail = (id: string, code: CompileError['code'], message: string, socket?: string) =>
    errors.push({ nodeId: prefix[0] ?? id, code, message, path: [...prefix, id], ...(socket ? { socket } : {}) });

  for (const n of doc.nodes) {
    // Sub-graphs used twice at each of 30 levels would expand to 2³⁰ copies: stop at the limit.
    if (++out.expanded > MAX_EXPANDED_BLOCKS) {
      if (out.expanded === MAX_EXPANDED_BLOCKS + 1)
        fail(n.id, 'too-large', `the graph expands to more than ${MAX_EXPANDED_BLOCKS} blocks with its sub-graphs (the limit)`);
      return own;
    }
    const path = [...prefix, n.id];
    const ref = subgraphRef(n);
    if (ref !== undefined) {
      if (!ref || !resolve) {
        fail(n.id, 'subgraph-not-found', !ref ? "parameter 'graph' must name a graph file" : `cannot open sub-graph '${ref}' here`);
        continue;
      }
      const found = resolve(ref, file);
      if (!found.ok) {
        fail(n.id, 'subgraph-not-found', found.message);
        continue;
      }
      if (stack.includes(found.file)) {
        fail(n.id, 'subgraph-recursion', `sub-graph '${ref}' includes itself (${[...stack, found.file].join(' → ')})`);
        continue;
      }
      if (stack.length > MAX_SUBGRAPH_DEPTH) {
        fail(n.id, 'too-large', `sub-graphs nest more than ${MAX_SUBGRAPH_DEPTH} levels deep (the limit)`);
        continue;
      }
      const sockets = expandInto(found.doc, found.file, path, [...stack, found.file], resolve, errors, out);
      subs.set(n.id, sockets);
      if (!inner) out.boundaries.set(n.id, sockets);
      continue;
    }
    const role = blockDef(n.type)?.role;
    const port = inner && role?.kind === 'port' ? role : undefined;
    const type = port ? (port.side === 'in' ? '$in' : '$out') : n.type;
    out.nodes.push({ id: flatId(n.id), type, params: n.params, path });
    if (port) {
      const name = String(n.params[port.name] ?? '');
      const side = port.side === 'in' ? own.inputs : own.outputs;
      if (side.has(name)) fail(n.id, 'duplicate-name', `two ${n.type} blocks are named '${name}'`);
      side.set(name, flatId(n.id));
    }
  }

  if (out.expanded > MAX_EXPANDED_BLOCKS) return own;
  for (const c of doc.connections) {
    const from = subs.get(c.from.node);
    const to = subs.get(c.to.node);
    const fromNode = from ? from.outputs.get(c.from.socket) : flatId(c.from.node);
    const toNode = to ? to.inputs.get(c.to.socket) : flatId(c.to.node);
    if (fromNode === undefined) {
      fail(
        c.from.node,
        'unknown-socket',
        `the sub-graph has no output '${c.from.socket}' (it has ${[...from!.outputs.keys()].join(', ') || 'none'})`,
        c.from.socket,
      );
      continue;
    }
    if (toNode === undefined) {
      fail(
        c.to.node,
        'unknown-socket',
        `the sub-graph has no input '${c.to.socket}' (it has ${[...to!.inputs.keys()].join(', ') || 'none'})`,
        c.to.socket,
      );
      continue;
    }
    out.connections.push({
      from: { node: fromNode, socket: from ? 'out' : c.from.socket },
      to: { node: toNode, socket: to ? 'in' : c.to.socket },
    });
  }
  return own;
}
