import type { GraphNode, RunEdit } from '../graph';

type GraphPatch = RunEdit['patch'];

import { InputError } from '../util/inputError';
import type { RunnableGraph } from './runSpec';

const same = (a: unknown, b: unknown) => a === b || JSON.stringify(a) === JSON.stringify(b);

/**
 * `--set` on a live-edited run (run.edits). The document holds the graph after the last edit,
 * and the run starts from it with every edit undone; an edit's patch holds whole nodes. So a set
 * value is carried into every version of its node the edits hold: the run trains with it from
 * epoch 1, and the edits still change what they changed. A set on a value that an edit itself
 * changes is refused: the replay would overwrite it, and which of the two the run trains with
 * would depend on the epoch, which no one asked for.
 */
export function carrySetThroughEdits(before: RunnableGraph, after: RunnableGraph, path: string): RunnableGraph {
  const edits = after.run.edits;
  if (!edits?.length) return after;
  let carried = edits;
  for (const node of after.nodes) {
    const old = before.nodes.find((n) => n.id === node.id);
    if (!old || old === node) continue;
    const set = Object.fromEntries(Object.entries(node.params).filter(([p, v]) => !same(v, old.params[p])));
    refuseClash(edits, node.id, Object.keys(set), path);
    const withSet = (n: GraphNode | null) => n && { ...n, params: { ...n.params, ...set } };
    carried = carried.map((e) => ({
      ...e,
      patch: mapNodes(e.patch, node.id, (n) => ({ ...n, before: withSet(n.before), after: withSet(n.after) })),
    }));
  }
  return { ...after, run: { ...after.run, edits: carried } };
}

function refuseClash(edits: readonly RunEdit[], id: string, params: readonly string[], path: string): void {
  edits.forEach((e, i) => {
    const n = e.patch.nodes.find((x) => x.id === id);
    if (!n) return;
    const what = !n.before
      ? `adds node '${id}'`
      : !n.after
        ? `removes node '${id}'`
        : params.filter((p) => !same(n.before!.params[p], n.after!.params[p])).map((p) => `changes ${id}.${p}`)[0];
    if (what)
      throw new InputError(
        `--set ${path}`,
        `run.edits[${i}] (epoch ${e.epoch}, step ${e.step}, "${e.note}") ${what} too, and the replay would overwrite the value set; change the graph itself, or remove run.edits to train without the replay`,
      );
  });
}

function mapNodes(p: GraphPatch, id: string, f: (n: GraphPatch['nodes'][number]) => GraphPatch['nodes'][number]): GraphPatch {
  return { ...p, nodes: p.nodes.map((n) => (n.id === id ? f(n) : n)) };
}
