import { type BlockDef, describeType, type Kind, kinds, type ValueType } from '../../../nodes/block';
import { blockDef } from '../../../nodes/index';
import type { SocketTypes } from '../../compile/plan';
import type { GraphConnection, GraphDocument, GraphNode } from '../../graph';
import { subgraphRef } from '../../graph/subgraphs';
import { type Files, openFile } from './files';
import { resolvePath } from './workspace';

export interface SocketInfo {
  name: string;
  /** kinds an input takes; empty for outputs */
  accepts: readonly Kind[];
  optional?: boolean;
}

export interface NodeSockets {
  inputs: SocketInfo[];
  outputs: SocketInfo[];
}

/**
 * A block's sockets as the canvas draws them. A Subgraph block has the sockets of the file it
 * names (its Input and Output blocks, top to bottom); an unknown type or missing file has none.
 */
export function nodeSockets(node: GraphNode, file: string, files: Files): NodeSockets {
  const ref = subgraphRef(node);
  if (ref !== undefined) {
    const sub = openFile(files, resolvePath(ref, file));
    if (!sub) return { inputs: [], outputs: [] };
    const byY = (a: GraphNode, b: GraphNode) => a.position.y - b.position.y;
    const ports = [...sub.nodes].sort(byY).flatMap((n) => {
      const def = blockDef(n.type);
      const role = def?.role;
      return def && role?.kind === 'port' ? [{ n, def, role }] : [];
    });
    // A param the file leaves out has the block's default, as the compiler gives it.
    const given = (def: BlockDef, n: GraphNode, name: string) => String(n.params[name] ?? def.params.find((p) => p.name === name)?.default);
    const inputs: SocketInfo[] = [];
    const outputs: SocketInfo[] = [];
    for (const { n, def, role } of ports) {
      if (role.side === 'in')
        inputs.push({ name: given(def, n, role.name), accepts: kinds.filter((k) => k === given(def, n, role.carries)) });
      else outputs.push({ name: given(def, n, role.name), accepts: [] });
    }
    return { inputs, outputs };
  }
  const def = blockDef(node.type);
  if (!def) return { inputs: [], outputs: [] };
  return {
    inputs: def.inputs.map((s) => ({ name: s.name, accepts: s.accepts, ...(s.optional ? { optional: true } : {}) })),
    outputs: def.outputs.map((s) => ({ name: s.name, accepts: [] })),
  };
}

/** The text under a socket: the inferred type when known, otherwise what the input accepts. */
export function socketText(info: SocketInfo, type: ValueType | undefined): string {
  if (type) return describeType(type);
  return info.accepts.length ? info.accepts.join('|') : '?';
}

/**
 * Whether a new wire may be drawn, and why not. Only what is certain is refused: a wire from an
 * output whose type is not known yet (its inputs are unconnected) is let through for the compiler.
 */
export function checkConnection(
  doc: GraphDocument,
  file: string,
  files: Files,
  types: Record<string, SocketTypes>,
  c: GraphConnection,
): { ok: true } | { ok: false; reason: string } {
  const from = doc.nodes.find((n) => n.id === c.from.node);
  const to = doc.nodes.find((n) => n.id === c.to.node);
  if (!from || !to) return { ok: false, reason: 'both ends must be blocks of this graph' };
  if (from.id === to.id) return { ok: false, reason: `a block cannot feed itself (${from.id})` };
  const input = nodeSockets(to, file, files).inputs.find((s) => s.name === c.to.socket);
  if (!input) return { ok: false, reason: `${to.type} '${to.id}' has no input '${c.to.socket}'` };
  if (reaches(doc, to.id, from.id))
    return { ok: false, reason: `the wire would close a cycle: '${from.id}' already depends on '${to.id}'` };
  const t = types[from.id]?.outputs[c.from.socket];
  if (t && !input.accepts.includes(t.kind)) {
    return {
      ok: false,
      reason: `input '${input.name}' of ${to.type} takes ${input.accepts.join(' or ')}, but '${from.id}.${c.from.socket}' gives ${describeType(t)}`,
    };
  }
  return { ok: true };
}

function reaches(doc: GraphDocument, start: string, goal: string): boolean {
  const seen = new Set<string>();
  const stack = [start];
  while (stack.length) {
    const id = stack.pop()!;
    if (id === goal) return true;
    if (seen.has(id)) continue;
    seen.add(id);
    for (const c of doc.connections) if (c.from.node === id) stack.push(c.to.node);
  }
  return false;
}

/**
 * Every wire that may be drawn to or from block `id` (the keyboard's way to wire): its outputs
 * into other blocks' inputs and other blocks' outputs into its inputs, as `checkConnection` allows.
 */
export function wireChoices(
  doc: GraphDocument,
  file: string,
  files: Files,
  types: Record<string, SocketTypes>,
  id: string,
): GraphConnection[] {
  const out: GraphConnection[] = [];
  const me = doc.nodes.find((n) => n.id === id);
  if (!me) return out;
  const exists = (c: GraphConnection) =>
    doc.connections.some(
      (x) => x.from.node === c.from.node && x.from.socket === c.from.socket && x.to.node === c.to.node && x.to.socket === c.to.socket,
    );
  const mine = nodeSockets(me, file, files);
  for (const other of doc.nodes) {
    if (other.id === id) continue;
    const theirs = nodeSockets(other, file, files);
    for (const o of mine.outputs)
      for (const i of theirs.inputs) out.push({ from: { node: id, socket: o.name }, to: { node: other.id, socket: i.name } });
    for (const o of theirs.outputs)
      for (const i of mine.inputs) out.push({ from: { node: other.id, socket: o.name }, to: { node: id, socket: i.name } });
  }
  return out.filter((c) => !exists(c) && checkConnection(doc, file, files, types, c).ok);
}
