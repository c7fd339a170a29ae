import type { RenderEmit } from '@retejs/lit-plugin';
import { html, LitElement, nothing, type TemplateResult } from 'lit';
import { BLOCK_WIDTH, type BlockNode, type Schemes } from './schemes';

export interface BlockHooks {
  /** `add`: the click adds to the selection (Ctrl), which Rete does itself */
  focus(id: string, add: boolean): void;
  open(id: string): void;
}

/** Two presses on one block within this many ms are a double-click. */
const DOUBLE_MS = 450;

const categoryColor: Record<string, string> = {
  data: '#2f7d62',
  layer: '#6a4fb3',
  op: '#3d6fb6',
  loss: '#b5522f',
  structure: '#5f6368',
};

// Injected into <rete-node>'s shadow root through its `styles` hook. The node's own static
// styles are adopted stylesheets, which win over a <style> element at equal specificity; hence
// !important.
const nodeStyles = (color: string, failed: boolean) => `
  :host { --node-color: ${color} !important; --node-color-hover: ${color} !important; --node-width: ${BLOCK_WIDTH}px;
    --socket-size: 18px; --socket-margin: 4px;
    border-color: ${failed ? '#ff4d4f' : 'rgba(0,0,0,.35)'} !important; border-width: ${failed ? 3 : 2}px !important; }
  :host(.selected) { background: ${color} !important; border-color: #111 !important; box-shadow: 0 0 0 4px #ffbf47; }
  .title { font-size: 15px !important; line-height: 18px; padding: 5px 8px !important; overflow-wrap: anywhere; }
  .input, .output { white-space: nowrap; display: flex; align-items: center; height: 26px; }
  .output { justify-content: flex-end; }
  .input-title, .output-title { font-size: 13px !important; margin: 2px 4px !important; line-height: 22px !important;
    max-width: calc(var(--node-width) - 36px); overflow: hidden; text-overflow: ellipsis; }
`;

/**
 * The block as drawn: Rete's classic node (which measures sockets for the wires) inside a
 * focusable element that carries the ids tests and styles look for, and the compile errors.
 * It must be the element the lit plugin updates (the first child of its root), because the
 * plugin pushes `data` and `emit` into that element when the area asks for a re-render.
 */
export class BlockElement extends LitElement {
  static override properties = { data: { attribute: false }, emit: { attribute: false } };
  data!: BlockNode;
  emit!: RenderEmit<Schemes>;
  hooks!: BlockHooks;
  category = 'structure';

  // Light DOM: page styles and tests reach the block without piercing a shadow root.
  protected override createRenderRoot() {
    return this;
  }

  protected override render(): TemplateResult {
    const n = this.data;
    const failed = n.errors.length > 0;
    this.className = `sg-block${failed ? ' sg-failed' : ''}${n.inactive ? ' sg-inactive' : ''}`;
    this.tabIndex = 0;
    this.dataset.nodeId = n.id;
    this.dataset.nodeType = n.blockType;
    this.setAttribute('role', 'group');
    const state = failed ? `, error: ${n.errors[0]}` : n.inactive ? ', inactive: nothing wired in, its term is left out of training' : '';
    this.setAttribute('aria-label', `${n.label}${state}`);
    this.title = n.inactive ? 'inactive: nothing is wired in, so training leaves this term out' : '';
    return html`<rete-node .data=${n} .emit=${this.emit} .styles=${() => nodeStyles(categoryColor[this.category] ?? '#555', failed)}></rete-node>
      ${failed ? html`<div class="sg-block-error" data-testid="block-error">${n.errors.join('\n')}</div>` : nothing}`;
  }

  protected override updated(): void {
    // Same node object, new labels: rete-node would not notice on its own.
    (this.querySelector('rete-node') as LitElement | null)?.requestUpdate();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.addEventListener('focus', this.onFocus);
    this.addEventListener('pointerdown', this.onPress);
  }
  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.removeEventListener('focus', this.onFocus);
    this.removeEventListener('pointerdown', this.onPress);
  }
  private adding = false;
  private lastPress = 0;
  private readonly onFocus = () => this.hooks.focus(this.data.id, this.adding);
  /**
   * Rete's drag cancels the press's default, so the browser would not focus the block; and it
   * moves the picked block to the front of the canvas between the two clicks of a double-click,
   * so the browser's `dblclick` never reaches it. Both are done here from the presses.
   */
  private readonly onPress = (e: PointerEvent) => {
    if (e.button !== 0) return;
    this.adding = e.ctrlKey || e.metaKey;
    if (this.ownerDocument.activeElement !== this) this.focus({ preventScroll: true });
    this.adding = false;
    const double = e.timeStamp - this.lastPress < DOUBLE_MS;
    this.lastPress = double ? 0 : e.timeStamp;
    if (double) return this.hooks.open(this.data.id);
    // Rete moves the picked block to the front while the press is handled, and the browser then
    // focuses the canvas around it: focus comes back to the block once the press is over.
    setTimeout(() => this.isConnected && this.ownerDocument.activeElement !== this && this.focus({ preventScroll: true }));
  };
}
if (!customElements.get('sg-block')) customElements.define('sg-block', BlockElement);

export function blockTemplate(
  node: BlockNode,
  category: string,
  hooks: BlockHooks,
): (props: { emit: RenderEmit<Schemes> }) => TemplateResult {
  return ({ emit }) => html`<sg-block .data=${node} .emit=${emit} .hooks=${hooks} .category=${category}></sg-block>`;
}

export const canvasCss = `
.sg-block { display: block; position: relative; outline: none; border-radius: 12px; }
.sg-block:focus-visible { box-shadow: 0 0 0 3px #ffbf47; }
.sg-block.sg-inactive { opacity: 0.45; filter: grayscale(1); }
.sg-block-error { position: absolute; left: 0; top: 100%; margin-top: 4px; width: 100%; box-sizing: border-box; white-space: pre-wrap;
  background: #fff1f0; color: #a8071a; border: 1px solid #ffa39e; border-radius: 6px; padding: 4px 6px; font: 12px/1.3 system-ui, sans-serif; z-index: 5; }
rete-context-menu { --menu-width: 220px; font: 13px system-ui, sans-serif;
  --context-color: #24324a; --context-color-light: #3b5688; --context-color-dark: #17202f; }
`;

/**
 * A wire as drawn. The one that follows the pointer while a wire is being drawn lets the pointer
 * through: it ends under the pointer, and Rete finds the socket a wire is dropped on from the
 * topmost element there, so a hit-testable end would hide every socket from the drop.
 */
export function wireTemplate(pseudo: boolean) {
  return ({ path, start, end }: { path: string; start: unknown; end: unknown }): TemplateResult =>
    pseudo
      ? html`<svg style="overflow: visible; position: absolute; pointer-events: none; width: 9999px; height: 9999px">
          <path d=${path} style="fill: none; stroke-width: 5px; stroke: steelblue; pointer-events: none"></path>
        </svg>`
      : html`<rete-connection .path=${path} .start=${start} .end=${end}></rete-connection>`;
}
