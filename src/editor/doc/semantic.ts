import type { DataShape } from '../../../nodes/block';
import type { SocketRef } from '../../graph';
import { compileOpenFile } from './compile';
import type { Files } from './files';
import { filesUsedBy } from './workspace';

/**
 * What a training run depends on: the steps its losses and outputs are computed from, with
 * their parameters and wires, not where blocks sit nor blocks that feed nothing the run uses.
 * A swap is sent only when this changes. A graph that does not compile is keyed by its files,
 * so each broken edit is still seen (and reported as an error rather than swapped).
 */
export function trainingKey(files: Files, top: string, data?: DataShape): string {
  const r = compileOpenFile(files, top, data);
  if (!r.ok)
    return JSON.stringify(
      filesUsedBy(top, files).map((f) => [
        f,
        files[f].nodes.map((n) => [n.id, n.type, n.params]),
        files[f].connections.map((c) => [c.from.node, c.from.socket, c.to.node, c.to.socket]),
      ]),
    );
  const { plan } = r;
  const byId = new Map(plan.steps.map((s) => [s.id, s]));
  const used = new Set<string>();
  // An explicit stack, not recursion: a chain of 10⁴ blocks is 10⁴ deep.
  const pending: SocketRef[] = [...plan.losses.flatMap((l) => [l.value, l.raw]), ...Object.values(plan.outputs)];
  while (pending.length) {
    const step = byId.get(pending.pop()!.node);
    if (!step || used.has(step.id)) continue;
    used.add(step.id);
    for (const input of Object.values(step.inputs)) pending.push(input);
  }
  return JSON.stringify([
    plan.losses.map((l) => [l.name, l.value, l.raw]),
    plan.outputs,
    plan.steps.filter((s) => used.has(s.id)).map((s) => [s.id, s.block.type, s.params, s.inputs]),
  ]);
}
