/**
 * Kahn's algorithm over node ids. Rete's engine has neither a topological order nor cycle
 * detection, so the compiler owns both. Returns the order, or one cycle as a list of ids.
 */
export function topologicalOrder(
  ids: readonly string[],
  edges: ReadonlyArray<[string, string]>,
): { order: string[] } | { cycle: string[] } {
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

/** Walks forward from a node left over by Kahn until a node repeats: that loop is a cycle. */
function findCycle(left: string[], next: Map<string, string[]>): string[] {
  const remaining = new Set(left);
  const seen = new Map<string, number>();
  const walk: string[] = [];
  let id = left[0];
  while (!seen.has(id)) {
    seen.set(id, walk.length);
    walk.push(id);
    id = next.get(id)!.find((m) => remaining.has(m))!;
  }
  return walk.slice(seen.get(id));
}
