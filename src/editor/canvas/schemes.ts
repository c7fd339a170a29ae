import type { LitArea2D } from '@retejs/lit-plugin';
import { ClassicPreset, type GetSchemes } from 'rete';
import type { ContextMenuExtra } from 'rete-context-menu-plugin';
import type { MinimapExtra } from 'rete-minimap-plugin';

/** One socket object: the kinds are checked against the compiled types, not by Rete. */
export const wire = new ClassicPreset.Socket('value');

/** A canvas block; its Rete id is the document's node id, so the two never need a lookup table. */
export class BlockNode extends ClassicPreset.Node {
  width = 200;
  /**
   * What the classic node draws, so wires, arrange and minimap agree with it: the title (about
   * 26 characters a line at 200 px), then one row per output and per input, each as tall as a
   * socket element (24 px and 6 px padding on each side; sockets keep their own size).
   */
  get height(): number {
    const titleLines = Math.max(1, Math.ceil(this.label.length / 26));
    return 12 + 17 * titleLines + 36 * (Object.keys(this.outputs).length + Object.keys(this.inputs).length) + 12;
  }
  /** compile errors to show on the block, one line each */
  errors: string[] = [];
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
export type AreaExtra = LitArea2D<Schemes> | MinimapExtra | ContextMenuExtra;
