import { css, html, LitElement } from 'lit';
import type { BlockDef } from '../../../nodes/block';
import { registry } from '../../../nodes/index';

interface Entry {
  label: string;
  type: string;
  params: Record<string, string>;
  description: string;
}

const groups: { title: string; test: (b: BlockDef) => boolean }[] = [
  { title: 'Data ports', test: (b) => b.category === 'data' },
  { title: 'Layers', test: (b) => b.category === 'layer' },
  { title: 'Ops', test: (b) => b.category === 'op' },
  { title: 'Losses', test: (b) => b.category === 'loss' || b.type === 'Loss' },
  { title: 'Sub-graphs', test: (b) => b.category === 'structure' && b.type !== 'Loss' },
];

/** The block catalogue, grouped and searchable. Emits `add-block` with {type, params}. */
export class PaletteElement extends LitElement {
  static override properties = { graphs: { attribute: false }, query: { state: true } };
  /** graph files that can be dropped in as Subgraph blocks */
  graphs: string[] = [];
  query = '';

  static override styles = css`
    :host { display: flex; flex-direction: column; gap: 6px; font: 13px system-ui, sans-serif; overflow: auto; padding: 8px; }
    input { width: 100%; box-sizing: border-box; padding: 4px 6px; }
    h3 { margin: 8px 0 2px; font-size: 11px; text-transform: uppercase; color: #666; }
    button { display: block; width: 100%; text-align: left; border: 1px solid #ddd; background: #fafafa; border-radius: 4px; padding: 3px 6px; margin: 2px 0; cursor: pointer; }
    button:hover, button:focus-visible { background: #e8f0fe; }
  `;

  private entries(): { title: string; items: Entry[] }[] {
    const q = this.query.trim().toLowerCase();
    const match = (e: Entry) => !q || `${e.label} ${e.type} ${e.description}`.toLowerCase().includes(q);
    const blocks = [...registry.values()];
    const out = groups.map((g) => ({
      title: g.title,
      items: blocks.filter(g.test).map((b) => ({ label: b.type, type: b.type, params: {}, description: b.description })),
    }));
    const sub = out[out.length - 1];
    for (const f of this.graphs) sub.items.push({ label: `Subgraph: ${f}`, type: 'Subgraph', params: { graph: f }, description: `the graph in ${f} as one block` });
    return out.map((g) => ({ ...g, items: g.items.filter(match) })).filter((g) => g.items.length);
  }

  private add(e: Entry) {
    this.dispatchEvent(new CustomEvent('add-block', { detail: { type: e.type, params: e.params }, bubbles: true, composed: true }));
  }

  protected override render() {
    return html`<input type="search" placeholder="Search blocks" aria-label="Search blocks" .value=${this.query} @input=${(e: Event) => (this.query = (e.target as HTMLInputElement).value)} />
      ${this.entries().map(
        (g) => html`<h3>${g.title}</h3>
          ${g.items.map((e) => html`<button title=${e.description} data-block=${e.type} @click=${() => this.add(e)}>${e.label}</button>`)}`,
      )}`;
  }
}
customElements.define('sg-palette', PaletteElement);
