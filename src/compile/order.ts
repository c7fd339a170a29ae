import type { CompileError } from './errors';
import type { ResolvedNode } from './resolveBlocks';
import type { Feeds } from './wires';

/**
 * Phase 4: the nodes in an order where every block comes after the blocks that feed it, or one
 * error for a cycle. The error names the first block of the loop and lists every top-level
 * block in it (`nodes`), so the editor can mark them all.
 */
export function orderBlocks(
  nodes: ReadonlyMap<string, ResolvedNode>,
  feeds: Feeds,
): { ok: true; order: string[] } | { ok: false; error: CompileError } {
  const edges: [string, string][] = [];
  for (const [to, m] of feeds) for (const ref of m.values()) edges.push([ref.node, to]);
  const sorted = topologicalOrder([...nodes.keys()], edges);
  if ('order' in sorted) return { ok: true, order: sorted.order };
  const names = sorted.cycle.map((id) => nodes.get(id)!.path.join('/'));
  const first = nodes.get(sorted.cycle[0])!;
  return {
    ok: false,
    error: {
      nodeId: first.path[0],
      code: 'cycle',
      message: `is part of a cycle: ${[...names, names[0]].join(' → ')}`,
      path: first.path,
      nodes: [...new Set(sorted.cycle.map((id) => nodes.get(id)!.path[0]))],
    },
  };
}

/**
 * Kahn's algorithm over node ids. Rete's engine has neither a topological order nor cycle
 * detection, so the compiler owns both. Returns the order, or one cycle as a list of ids.
 */
function topologicalOrder(ids: readonly string[], edges: ReadonlyArray<[string, string]>): { order: string[] } | { cycle: string[] } {
  const indegree = new Map(ids.map((id) => [id, 0]));
  const next = new Map<string, string[]>(ids.map((id) => [id, []]));
  for (const [a, b] of edges) {
    next.get(a)!.push(b);
    indegree.set(b, indegree.get(b)! + 1);
  }
  const ready = ids.filter((id) => indegree.get(id) === 0);
  const order: string[] = [];
  while (ready.length) {
    const id = ready.shift()!;
    order.push(id);
    for (const m of next.get(id)!) {
      indegree.set(m, indegree.get(m)! - 1);
      if (indegree.get(m) === 0) ready.push(m);
    }
  }
  if (order.length === ids.length) return { order };
  return {
    cycle: findCycle(
      ids.filter((id) => indegree.get(id)! > 0),
      next,
    ),
  };
}

/**
 * Walks forward from a node left over by Kahn until a node repeats: that loop is a cycle. Kahn
 * leaves the cycles and everything downstream of them, and a walk could end at a block that only
 * follows a cycle, so those are peeled off first (Kahn again, from the sinks back): then every
 * node left has a successor left, and the walk must close a loop.
 */
function findCycle(left: string[], next: Map<string, string[]>): string[] {
  const remaining = new Set(left);
  const before = new Map<string, string[]>(left.map((id) => [id, []]));
  const outdegree = new Map<string, number>(left.map((id) => [id, 0]));
  for (const id of left) {
    for (const m of next.get(id)!) {
      if (!remaining.has(m)) continue;
      outdegree.set(id, outdegree.get(id)! + 1);
      before.get(m)!.push(id);
    }
  }
  const sinks = left.filter((id) => outdegree.get(id) === 0);
  while (sinks.length) {
    const id = sinks.pop()!;
    remaining.delete(id);
    for (const p of before.get(id)!) {
      outdegree.set(p, outdegree.get(p)! - 1);
      if (outdegree.get(p) === 0) sinks.push(p);
    }
  }
  const seen = new Map<string, number>();
  const walk: string[] = [];
  let id = left.find((x) => remaining.has(x))!;
  while (!seen.has(id)) {
    seen.set(id, walk.length);
    walk.push(id);
    id = next.get(id)!.find((m) => remaining.has(m))!;
  }
  return walk.slice(seen.get(id));
}
