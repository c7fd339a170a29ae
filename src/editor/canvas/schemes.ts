import type { LitArea2D } from '@retejs/lit-plugin';
import { ClassicPreset, type GetSchemes } from 'rete';
import type { ContextMenuExtra } from 'rete-context-menu-plugin';

/** A block's width on the canvas, in canvas units. */
export const BLOCK_WIDTH = 180;

/** The height of one socket's row on a block (nodeView.ts's styles). */
export const SOCKET_ROW = 26;

/** Where a block's first socket row starts: below its title (15 px type, about 21 characters a line). */
export function socketsTop(n: { label: string }): number {
  return 10 + 18 * Math.max(1, Math.ceil(n.label.length / 21));
}

/** One socket object: the kinds are checked against the compiled types, not by Rete. */
export const wire = new ClassicPreset.Socket('value');

/** A canvas block; its Rete id is the document's node id, so the two never need a lookup table. */
export class BlockNode extends ClassicPreset.Node {
  width = BLOCK_WIDTH;
  /**
   * What the classic node draws (nodeView.ts's styles), so wires and arrange agree with
   * it: the title (15 px type, about 21 characters a line at 180 px, 18 px a line and 10 px of
   * padding), then one 26 px row per output and per input (an 18 px socket and 4 px margins),
   * then the node's 6 px bottom padding and 2 px borders.
   */
  get height(): number {
    return socketsTop(this) + SOCKET_ROW * (Object.keys(this.outputs).length + Object.keys(this.inputs).length) + 10;
  }
  /** compile errors to show on the block, one line each */
  errors: string[] = [];
  /** a Loss block with nothing wired in: its term is left out of the objective */
  inactive = false;
  /** what makes the sockets: rebuilt when it changes (a Subgraph pointed at another file) */
  signature = '';
  constructor(
    id: string,
    label: string,
    readonly blockType: string,
  ) {
    super(label);
    this.id = id;
  }
}

export class Link extends ClassicPreset.Connection<ClassicPreset.Node, ClassicPreset.Node> {}

export type Schemes = GetSchemes<BlockNode, Link>;
export type AreaExtra = LitArea2D<Schemes> | ContextMenuExtra;
