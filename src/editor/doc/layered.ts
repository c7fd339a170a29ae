import type { ElkExtendedEdge, ElkNode } from 'elkjs/lib/elk-api';
import type { GraphConnection } from '../../graph';
import { maxOf, minOf } from '../../util/extent';
import type { Position } from './ops';
import type { Box } from './placement';

/** A block as auto-arrange sees it: its size and where its sockets sit on its left and right edges. */
export interface LayoutBlock {
  id: string;
  w: number;
  h: number;
  /** socket name → distance from the block's top to the socket's middle */
  inputs: Record<string, number>;
  outputs: Record<string, number>;
}

const portId = (node: string, socket: string, side: 'in' | 'out') => `${node}\u0000${side}\u0000${socket}`;

/**
 * ELK's layered layout, left to right like the paper's figures. Sockets are ports fixed where
 * the block draws them (inputs on the left edge, outputs on the right), so every wire leaves a
 * block to the right and enters the next one from the left. Rete draws its own curves, so ELK
 * keeps little room between layers for routing them.
 */
export function elkGraph(blocks: readonly LayoutBlock[], wires: readonly GraphConnection[], compact = false): ElkNode {
  const known = new Set(blocks.map((b) => b.id));
  const edges: ElkExtendedEdge[] = wires
    .filter((c) => known.has(c.from.node) && known.has(c.to.node))
    .map((c, i) => ({
      id: `e${i}`,
      sources: [portId(c.from.node, c.from.socket, 'out')],
      targets: [portId(c.to.node, c.to.socket, 'in')],
    }));
  return {
    id: 'root',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': 'RIGHT',
      'elk.edgeRouting': 'POLYLINE',
      'elk.layered.spacing.edgeNodeBetweenLayers': '4',
      'elk.layered.spacing.edgeEdgeBetweenLayers': '4',
      'elk.spacing.edgeNode': '4',
      'elk.spacing.edgeEdge': '4',
      'elk.spacing.nodeNode': '12',
      'elk.layered.spacing.nodeNodeBetweenLayers': '32',
      // The file's order of blocks breaks ties, so arranging twice gives the same picture.
      'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
      // Compact: each layer stacked tightly, for a graph that is too tall to read otherwise
      // (fig. 6 on a 1366×768 screen); wires run less straight.
      ...(compact ? { 'elk.layered.nodePlacement.strategy': 'SIMPLE' } : {}),
    },
    children: blocks.map((b) => ({
      id: b.id,
      width: b.w,
      height: b.h,
      layoutOptions: {
        'elk.portConstraints': 'FIXED_POS',
        // Data and Input blocks start the picture, as in the paper's figures, rather than
        // sitting beside their first use in a column that makes the graph too tall to read.
        ...(Object.keys(b.inputs).length ? {} : { 'elk.layered.layering.layerConstraint': 'FIRST' }),
      },
      ports: [
        ...Object.entries(b.inputs).map(([s, y]) => ({
          id: portId(b.id, s, 'in'),
          x: -1,
          y: y - 1,
          width: 2,
          height: 2,
          layoutOptions: { 'elk.port.side': 'WEST' },
        })),
        ...Object.entries(b.outputs).map(([s, y]) => ({
          id: portId(b.id, s, 'out'),
          x: b.w - 1,
          y: y - 1,
          width: 2,
          height: 2,
          layoutOptions: { 'elk.port.side': 'EAST' },
        })),
      ],
    })),
    edges,
  };
}

/** The blocks' positions in ELK's answer. */
export function positionsOf(laidOut: ElkNode): Map<string, Position> {
  return new Map((laidOut.children ?? []).map((c) => [c.id, { x: Math.round(c.x ?? 0), y: Math.round(c.y ?? 0) }]));
}

/** What the blocks must fit into: the canvas in screen pixels, and the smallest zoom that keeps labels readable. */
export interface Viewport {
  width: number;
  height: number;
  minZoom: number;
  /** the share of the canvas a fit uses */
  fitScale: number;
}

const ROW_GAP = 48;

/** The zoom at which `boxes` fit the view. */
export function fitZoom(boxes: readonly Box[], view: Viewport): number {
  if (!boxes.length) return 1;
  const w = maxOf(boxes.map((b) => b.x + b.w)) - minOf(boxes.map((b) => b.x));
  const h = maxOf(boxes.map((b) => b.y + b.h)) - minOf(boxes.map((b) => b.y));
  return view.fitScale * Math.min(view.width / w, view.height / h);
}

/**
 * A left-to-right layout too long to read once fitted (fig. 5's chain of eleven layers) is cut
 * into rows, as a line of text wraps: consecutive layers stay together and each row starts at
 * the left, below the one before. The fewest rows that fit the view at a readable zoom are
 * used; if none do, the count that fits best. A layout that fits is returned as it is.
 */
export function wrapRows(boxes: readonly (Box & { id: string })[], view: Viewport): Map<string, Position> {
  const same = new Map(boxes.map((b) => [b.id, { x: b.x, y: b.y }]));
  if (!boxes.length || fitZoom(boxes, view) >= view.minZoom) return same;
  // Layers are the distinct left edges of a layered layout.
  const lefts = [...new Set(boxes.map((b) => b.x))].sort((a, b) => a - b);
  const layerOf = new Map(lefts.map((x, i) => [x, i]));
  const layer = boxes.map((b) => layerOf.get(b.x)!);
  const total = maxOf(boxes.map((b, i) => (layer[i] === lefts.length - 1 ? b.x + b.w : Number.NEGATIVE_INFINITY))) - lefts[0];
  let best = same;
  let bestZoom = fitZoom(boxes, view);
  // Each count of rows costs one pass over the boxes, so a long chain costs layers × blocks, not more.
  for (let rows = 2; rows <= lefts.length; rows++) {
    // Cut where the running width passes each row's share of the total.
    const rowOf = lefts.map((x) => Math.min(rows - 1, Math.floor(((x - lefts[0]) / total) * rows)));
    const x0 = new Array<number>(rows).fill(Number.POSITIVE_INFINITY);
    const y0 = new Array<number>(rows).fill(Number.POSITIVE_INFINITY);
    const y1 = new Array<number>(rows).fill(Number.NEGATIVE_INFINITY);
    boxes.forEach((b, i) => {
      const r = rowOf[layer[i]];
      x0[r] = Math.min(x0[r], b.x);
      y0[r] = Math.min(y0[r], b.y);
      y1[r] = Math.max(y1[r], b.y + b.h);
    });
    // Each row's top: the rows above it, each as tall as its boxes, with a gap after each.
    const tops: number[] = [];
    let top = 0;
    for (let r = 0; r < rows; r++) {
      tops.push(top);
      if (y1[r] > Number.NEGATIVE_INFINITY) top += y1[r] - y0[r] + ROW_GAP;
    }
    const placed = new Map<string, Position>();
    boxes.forEach((b, i) => {
      const r = rowOf[layer[i]];
      placed.set(b.id, { x: b.x - x0[r], y: b.y - y0[r] + tops[r] });
    });
    const zoom = fitZoom(
      boxes.map((b) => ({ ...b, ...placed.get(b.id)! })),
      view,
    );
    if (zoom > bestZoom) [best, bestZoom] = [placed, zoom];
    if (zoom >= view.minZoom) break;
  }
  return best;
}
