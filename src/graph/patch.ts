import type { GraphConnection, GraphDocument, GraphNode, GraphPatch } from './types';

/**
 * Patches between two versions of a graph's nodes and wires: what the editor's undo history
 * stores, and what a live-edited run records in `run.edits` so that a run replays headless.
 */

const wireKey = (c: GraphConnection) => `${c.from.node}.${c.from.socket}>${c.to.node}.${c.to.socket}`;
const same = (a: unknown, b: unknown) => a === b || JSON.stringify(a) === JSON.stringify(b);

export function diffGraph(
  before: Pick<GraphDocument, 'nodes' | 'connections'>,
  after: Pick<GraphDocument, 'nodes' | 'connections'>,
): GraphPatch {
  const nodes: GraphPatch['nodes'] = [];
  const a = new Map(before.nodes.map((n) => [n.id, n]));
  const b = new Map(after.nodes.map((n) => [n.id, n]));
  for (const [id, n] of a) {
    const m = b.get(id) ?? null;
    if (!m || !same(n, m)) nodes.push({ id, before: n, after: m });
  }
  for (const [id, m] of b) if (!a.has(id)) nodes.push({ id, before: null, after: m });
  const ka = new Set(before.connections.map(wireKey));
  const kb = new Set(after.connections.map(wireKey));
  return {
    nodes,
    connectionsAdded: after.connections.filter((c) => !ka.has(wireKey(c))),
    connectionsRemoved: before.connections.filter((c) => !kb.has(wireKey(c))),
  };
}

export function isEmptyPatch(p: GraphPatch): boolean {
  return !p.nodes.length && !p.connectionsAdded.length && !p.connectionsRemoved.length;
}

export function invertPatch(p: GraphPatch): GraphPatch {
  return {
    nodes: p.nodes.map((n) => ({ id: n.id, before: n.after, after: n.before })),
    connectionsAdded: p.connectionsRemoved,
    connectionsRemoved: p.connectionsAdded,
  };
}

/** Applies a patch; node order is kept for surviving nodes, new ones go last. */
export function applyPatch<D extends Pick<GraphDocument, 'nodes' | 'connections'>>(doc: D, p: GraphPatch): D {
  const changes = new Map(p.nodes.map((n) => [n.id, n.after]));
  const nodes: GraphNode[] = [];
  for (const n of doc.nodes) {
    if (!changes.has(n.id)) nodes.push(n);
    else if (changes.get(n.id)) nodes.push(changes.get(n.id)!);
  }
  const present = new Set(doc.nodes.map((n) => n.id));
  for (const n of p.nodes) if (n.after && !present.has(n.id)) nodes.push(n.after);
  const removed = new Set(p.connectionsRemoved.map(wireKey));
  const connections = doc.connections.filter((c) => !removed.has(wireKey(c)));
  const existing = new Set(connections.map(wireKey));
  for (const c of p.connectionsAdded) if (!existing.has(wireKey(c))) connections.push(c);
  return { ...doc, nodes, connections };
}

/**
 * The graphs a live-edited run trained: the graph it started from (the document with every
 * recorded edit undone, newest first) and the graph after each edit. Without edits, the document.
 */
export function runGraphs(doc: GraphDocument): { start: GraphDocument; edits: { step: number; note: string; doc: GraphDocument }[] } {
  const edits = doc.run?.edits ?? [];
  const bare: GraphDocument = { ...doc, ...(doc.run ? { run: withoutEdits(doc.run) } : {}) };
  let start = bare;
  for (let i = edits.length - 1; i >= 0; i--) start = applyPatch(start, invertPatch(edits[i].patch));
  const out: { step: number; note: string; doc: GraphDocument }[] = [];
  let at = start;
  for (const e of edits) {
    at = applyPatch(at, e.patch);
    out.push({ step: e.step, note: e.note, doc: at });
  }
  return { start, edits: out };
}

function withoutEdits<R extends { edits?: unknown }>(run: R): Omit<R, 'edits'> {
  const { edits: _, ...rest } = run;
  return rest;
}
