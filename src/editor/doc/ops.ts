import type { GraphConnection, GraphDocument, GraphNode, ParamValue, RunSection, SocketRef } from '../../graph';

/**
 * Pure edits of a graph document. Each returns a new document and never mutates its input, so
 * the undo history can keep old documents and diffs without copying defensively.
 */

export type Position = { x: number; y: number };

const sameRef = (a: SocketRef, b: SocketRef) => a.node === b.node && a.socket === b.socket;
export const sameConnection = (a: GraphConnection, b: GraphConnection) => sameRef(a.from, b.from) && sameRef(a.to, b.to);
export const connectionKey = (c: GraphConnection) => `${c.from.node}.${c.from.socket}>${c.to.node}.${c.to.socket}`;

/**
 * The id a new block of `type` starts from: the type with its leading capitals lowered, as a
 * researcher would name a variable (`GRU` → `gru`, `MS` → `ms`, `PosBeforeJ` → `posBeforeJ`).
 */
export function idBase(type: string): string {
  const lead = type.match(/^[A-Z]+/)?.[0] ?? '';
  // In `LSTMCell` the last capital of the run starts the next word.
  const cut = lead.length > 1 && lead.length < type.length && /[a-z]/.test(type.charAt(lead.length)) ? lead.length - 1 : lead.length;
  const base = (type.slice(0, cut).toLowerCase() + type.slice(cut)).replace(/[^A-Za-z0-9_]/g, '').slice(0, 56);
  return /^[A-Za-z_]/.test(base) ? base : `node${base}`;
}

/**
 * A node id that the schema accepts and the document does not use yet: `base` and the first
 * free number from 1 (`gru1`, `gru2`, …), so every added block reads as one of a series.
 */
export function freshId(doc: GraphDocument, base: string, taken: ReadonlySet<string> = new Set()): string {
  const used = new Set([...doc.nodes.map((n) => n.id), ...taken]);
  for (let i = 1; ; i++) if (!used.has(`${base}${i}`)) return `${base}${i}`;
}

export function addNode(
  doc: GraphDocument,
  type: string,
  position: Position,
  params: Record<string, ParamValue> = {},
): { doc: GraphDocument; id: string } {
  const id = freshId(doc, idBase(type));
  return { doc: { ...doc, nodes: [...doc.nodes, { id, type, params: { ...params }, position: { ...position } }] }, id };
}

/** Removes the nodes and every wire that touches them. */
export function removeNodes(doc: GraphDocument, ids: Iterable<string>): GraphDocument {
  const gone = new Set(ids);
  return {
    ...doc,
    nodes: doc.nodes.filter((n) => !gone.has(n.id)),
    connections: doc.connections.filter((c) => !gone.has(c.from.node) && !gone.has(c.to.node)),
  };
}

/** An input takes one wire: a new wire into an occupied input replaces the old one. */
export function connect(doc: GraphDocument, c: GraphConnection): GraphDocument {
  if (doc.connections.some((x) => sameConnection(x, c))) return doc;
  const kept = doc.connections.filter((x) => !sameRef(x.to, c.to));
  return { ...doc, connections: [...kept, { from: { ...c.from }, to: { ...c.to } }] };
}

export function disconnect(doc: GraphDocument, c: GraphConnection): GraphDocument {
  const connections = doc.connections.filter((x) => !sameConnection(x, c));
  return connections.length === doc.connections.length ? doc : { ...doc, connections };
}

export function moveNodes(doc: GraphDocument, moves: ReadonlyMap<string, Position>): GraphDocument {
  let changed = false;
  const nodes = doc.nodes.map((n) => {
    const p = moves.get(n.id);
    if (!p || (p.x === n.position.x && p.y === n.position.y)) return n;
    changed = true;
    return { ...n, position: { x: p.x, y: p.y } };
  });
  return changed ? { ...doc, nodes } : doc;
}

/** `undefined` removes the parameter, so the block's default applies again. */
export function setParam(doc: GraphDocument, id: string, name: string, value: ParamValue | undefined): GraphDocument {
  return updateNode(doc, id, (n) => {
    if (n.params[name] === value) return n;
    const params = { ...n.params };
    if (value === undefined) delete params[name];
    else params[name] = value;
    return { ...n, params };
  });
}

export function setRun(doc: GraphDocument, run: RunSection): GraphDocument {
  return { ...doc, run };
}

function updateNode(doc: GraphDocument, id: string, f: (n: GraphNode) => GraphNode): GraphDocument {
  let changed = false;
  const nodes = doc.nodes.map((n) => {
    if (n.id !== id) return n;
    const m = f(n);
    changed ||= m !== n;
    return m;
  });
  return changed ? { ...doc, nodes } : doc;
}
