import type { RenderEmit } from '@retejs/lit-plugin';
import { html, LitElement, nothing, type TemplateResult } from 'lit';
import type { BlockNode, Schemes } from './schemes';

export interface BlockHooks {
  focus(id: string): void;
  open(id: string): void;
}

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
  :host { --node-color: ${color} !important; --node-color-hover: ${color} !important; --node-width: 200px;
    border-color: ${failed ? '#ff4d4f' : 'rgba(0,0,0,.35)'} !important; border-width: ${failed ? 3 : 2}px !important; }
  .title { font-size: 14px !important; padding: 6px 8px !important; }
  .input-title, .output-title { font-size: 12px !important; margin: 3px 6px !important; }
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
    this.className = `sg-block${failed ? ' sg-failed' : ''}`;
    this.tabIndex = 0;
    this.dataset.nodeId = n.id;
    this.dataset.nodeType = n.blockType;
    this.setAttribute('role', 'group');
    this.setAttribute('aria-label', `${n.label}${failed ? `, error: ${n.errors[0]}` : ''}`);
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
    this.addEventListener('dblclick', this.onOpen);
  }
  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.removeEventListener('focus', this.onFocus);
    this.removeEventListener('dblclick', this.onOpen);
  }
  private readonly onFocus = () => this.hooks.focus(this.data.id);
  private readonly onOpen = () => this.hooks.open(this.data.id);
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
.sg-block-error { position: absolute; left: 0; top: 100%; margin-top: 4px; width: 240px; white-space: pre-wrap;
  background: #fff1f0; color: #a8071a; border: 1px solid #ffa39e; border-radius: 6px; padding: 4px 6px; font: 12px/1.3 system-ui, sans-serif; z-index: 5; }
rete-context-menu { --menu-width: 220px; font: 13px system-ui, sans-serif; }
`;
