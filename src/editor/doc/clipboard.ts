import type { GraphConnection, GraphDocument, GraphNode } from '../../graph';
import { freshId, idBase, type Position } from './ops';

/** Copied blocks with the wires that run between them (wires to blocks left behind are dropped). */
export interface Fragment {
  nodes: GraphNode[];
  connections: GraphConnection[];
}

export function copyNodes(doc: GraphDocument, ids: Iterable<string>): Fragment {
  const keep = new Set(ids);
  return {
    nodes: doc.nodes.filter((n) => keep.has(n.id)).map((n) => structuredClone(n)),
    connections: doc.connections.filter((c) => keep.has(c.from.node) && keep.has(c.to.node)).map((c) => structuredClone(c)),
  };
}

/** Pastes with fresh ids, shifted by `offset`; returns the new ids in fragment order. */
export function pasteFragment(doc: GraphDocument, fragment: Fragment, offset: Position): { doc: GraphDocument; ids: string[] } {
  const rename = new Map<string, string>();
  const taken = new Set<string>();
  for (const n of fragment.nodes) {
    const id = freshId(doc, n.id.replace(/\d+$/, '') || idBase(n.type), taken);
    taken.add(id);
    rename.set(n.id, id);
  }
  const nodes = fragment.nodes.map((n) => ({
    ...structuredClone(n),
    id: rename.get(n.id)!,
    position: { x: n.position.x + offset.x, y: n.position.y + offset.y },
  }));
  const connections = fragment.connections
    .filter((c) => rename.has(c.from.node) && rename.has(c.to.node))
    .map((c) => ({
      from: { node: rename.get(c.from.node)!, socket: c.from.socket },
      to: { node: rename.get(c.to.node)!, socket: c.to.socket },
    }));
  return {
    doc: { ...doc, nodes: [...doc.nodes, ...nodes], connections: [...doc.connections, ...connections] },
    ids: nodes.map((n) => n.id),
  };
}

/** Clipboard text is JSON so a fragment survives a trip through the system clipboard. */
export function parseFragment(text: string): Fragment | null {
  try {
    const v = JSON.parse(text) as Partial<Fragment> & { kind?: string };
    if (v.kind !== 'slidegraph/fragment' || !Array.isArray(v.nodes) || !Array.isArray(v.connections)) return null;
    return { nodes: v.nodes, connections: v.connections };
  } catch {
    return null;
  }
}

export function fragmentText(f: Fragment): string {
  return JSON.stringify({ kind: 'slidegraph/fragment', ...f });
}
