import type { Files } from './history';
import { filesUsedBy } from './workspace';

/**
 * What a training run depends on: blocks, params and wires of every file it uses, not where
 * blocks sit on the canvas. A swap is sent only when this changes.
 */
export function trainingKey(files: Files, top: string): string {
  return JSON.stringify(
    filesUsedBy(top, files).map((f) => [
      f,
      files[f].nodes.map((n) => [n.id, n.type, n.params]),
      files[f].connections.map((c) => [c.from.node, c.from.socket, c.to.node, c.to.socket]),
    ]),
  );
}
