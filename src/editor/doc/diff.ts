import type { GraphDocument } from '../../graph';
import { applyPatch, diffGraph, invertPatch, isEmptyPatch } from '../../graph/patch';
import type { GraphPatch } from '../../graph/types';

/**
 * The difference between two versions of one document, as the undo history stores it: only the
 * nodes and wires that changed (a graph patch), so a step through a large graph costs what the
 * edit touched, and the rest of the document when it changed.
 */
export interface DocDiff extends GraphPatch {
  /** everything outside nodes and connections (name, description, run) when it changed */
  meta?: { before: Omit<GraphDocument, 'nodes' | 'connections'>; after: Omit<GraphDocument, 'nodes' | 'connections'> };
}

const same = (a: unknown, b: unknown) => a === b || JSON.stringify(a) === JSON.stringify(b);
const metaOf = ({ nodes: _n, connections: _c, ...meta }: GraphDocument) => meta;

export function diffDocs(before: GraphDocument, after: GraphDocument): DocDiff {
  const d: DocDiff = diffGraph(before, after);
  const ma = metaOf(before);
  const mb = metaOf(after);
  if (!same(ma, mb)) d.meta = { before: ma, after: mb };
  return d;
}

export function isEmptyDiff(d: DocDiff): boolean {
  return isEmptyPatch(d) && !d.meta;
}

export function invertDiff(d: DocDiff): DocDiff {
  return { ...invertPatch(d), ...(d.meta ? { meta: { before: d.meta.after, after: d.meta.before } } : {}) };
}

/** Replays a diff; node order is kept for surviving nodes, new ones go last. */
export function applyDiff(doc: GraphDocument, d: DocDiff): GraphDocument {
  const { nodes, connections } = applyPatch(doc, d);
  const meta = d.meta ? d.meta.after : metaOf(doc);
  return { ...(meta as Omit<GraphDocument, 'nodes' | 'connections'>), nodes, connections } as GraphDocument;
}
