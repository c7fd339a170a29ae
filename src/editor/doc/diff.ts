import type { GraphConnection, GraphDocument, GraphNode } from '../../graph';
import { connectionKey } from './ops';

/**
 * The difference between two versions of one document, as the undo history stores it: only the
 * nodes and wires that changed, so a step through a large graph costs what the edit touched.
 */
export interface DocDiff {
  /** node id → node before (null: added) and after (null: removed) */
  nodes: { id: string; before: GraphNode | null; after: GraphNode | null }[];
  connectionsAdded: GraphConnection[];
  connectionsRemoved: GraphConnection[];
  /** everything outside nodes and connections (name, description, run) when it changed */
  meta?: { before: Omit<GraphDocument, 'nodes' | 'connections'>; after: Omit<GraphDocument, 'nodes' | 'connections'> };
}

const same = (a: unknown, b: unknown) => a === b || JSON.stringify(a) === JSON.stringify(b);
const metaOf = ({ nodes: _n, connections: _c, ...meta }: GraphDocument) => meta;

export function diffDocs(before: GraphDocument, after: GraphDocument): DocDiff {
  const nodes: DocDiff['nodes'] = [];
  const a = new Map(before.nodes.map((n) => [n.id, n]));
  const b = new Map(after.nodes.map((n) => [n.id, n]));
  for (const [id, n] of a) {
    const m = b.get(id) ?? null;
    if (!m || !same(n, m)) nodes.push({ id, before: n, after: m });
  }
  for (const [id, m] of b) if (!a.has(id)) nodes.push({ id, before: null, after: m });
  const ka = new Set(before.connections.map(connectionKey));
  const kb = new Set(after.connections.map(connectionKey));
  const d: DocDiff = {
    nodes,
    connectionsAdded: after.connections.filter((c) => !ka.has(connectionKey(c))),
    connectionsRemoved: before.connections.filter((c) => !kb.has(connectionKey(c))),
  };
  const ma = metaOf(before);
  const mb = metaOf(after);
  if (!same(ma, mb)) d.meta = { before: ma, after: mb };
  return d;
}

export function isEmptyDiff(d: DocDiff): boolean {
  return !d.nodes.length && !d.connectionsAdded.length && !d.connectionsRemoved.length && !d.meta;
}

export function invertDiff(d: DocDiff): DocDiff {
  return {
    nodes: d.nodes.map((n) => ({ id: n.id, before: n.after, after: n.before })),
    connectionsAdded: d.connectionsRemoved,
    connectionsRemoved: d.connectionsAdded,
    ...(d.meta ? { meta: { before: d.meta.after, after: d.meta.before } } : {}),
  };
}

/** Replays a diff; node order is kept for surviving nodes, new ones go last. */
export function applyDiff(doc: GraphDocument, d: DocDiff): GraphDocument {
  const changes = new Map(d.nodes.map((n) => [n.id, n.after]));
  const nodes: GraphNode[] = [];
  for (const n of doc.nodes) {
    if (!changes.has(n.id)) nodes.push(n);
    else if (changes.get(n.id)) nodes.push(changes.get(n.id)!);
  }
  const present = new Set(doc.nodes.map((n) => n.id));
  for (const n of d.nodes) if (n.after && !present.has(n.id)) nodes.push(n.after);
  const removed = new Set(d.connectionsRemoved.map(connectionKey));
  const connections = doc.connections.filter((c) => !removed.has(connectionKey(c)));
  const existing = new Set(connections.map(connectionKey));
  for (const c of d.connectionsAdded) if (!existing.has(connectionKey(c))) connections.push(c);
  const meta = d.meta ? d.meta.after : metaOf(doc);
  return { ...(meta as Omit<GraphDocument, 'nodes' | 'connections'>), nodes, connections } as GraphDocument;
}
