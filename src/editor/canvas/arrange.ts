import type { AreaPlugin } from 'rete-area-plugin';
import type { GraphConnection } from '../../graph';
import { elkGraph, fitZoom, type LayoutBlock, positionsOf, type Viewport, wrapRows } from '../doc/layered';
import { elkLayout } from './elkClient';
import { type AreaExtra, type BlockNode, type Schemes, SOCKET_ROW, socketsTop } from './schemes';

/** Where each socket's middle is, from the block's top: outputs first, then inputs, as the block draws them. */
function layoutBlock(n: BlockNode): LayoutBlock {
  const top = socketsTop(n);
  const outputs = Object.keys(n.outputs);
  const at = (i: number) => top + SOCKET_ROW * i + SOCKET_ROW / 2;
  return {
    id: n.id,
    w: n.width,
    h: n.height,
    outputs: Object.fromEntries(outputs.map((s, i) => [s, at(i)])),
    inputs: Object.fromEntries(Object.keys(n.inputs).map((s, i) => [s, at(outputs.length + i)])),
  };
}

/**
 * Lays the canvas's blocks out (ELK's layered layout, in a worker) and moves them there. A
 * layout too tall to read at a fit is made again with its layers stacked tightly; one too long
 * wraps into rows (`wrapRows`).
 */
export async function arrangeNodes(
  nodes: readonly BlockNode[],
  wires: readonly GraphConnection[],
  area: AreaPlugin<Schemes, AreaExtra>,
  view: Viewport,
): Promise<void> {
  const blocks = nodes.map(layoutBlock);
  const boxesOf = async (compact: boolean) => {
    const at = positionsOf(await elkLayout(elkGraph(blocks, wires, compact)));
    return blocks.map((b) => ({ id: b.id, w: b.w, h: b.h, ...(at.get(b.id) ?? { x: 0, y: 0 }) }));
  };
  let boxes = await boxesOf(false);
  if (fitZoom(boxes, view) < view.minZoom) {
    const compact = await boxesOf(true);
    if (fitZoom(compact, view) > fitZoom(boxes, view)) boxes = compact;
  }
  for (const [id, p] of wrapRows(boxes, view)) await area.translate(id, p);
}
