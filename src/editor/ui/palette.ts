import { css, html, LitElement } from 'lit';
import { BLOCK_MIME, blockDragText, type CatalogueEntry, catalogue } from '../doc/catalogue';

/**
 * The block catalogue, grouped and searchable. A click emits `add-block` with {type, params};
 * an item can also be dragged onto the canvas, carrying the same under `BLOCK_MIME`.
 */
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

  private add(e: CatalogueEntry) {
    this.dispatchEvent(new CustomEvent('add-block', { detail: { type: e.type, params: e.params }, bubbles: true, composed: true }));
  }

  private drag(ev: DragEvent, e: CatalogueEntry) {
    ev.dataTransfer?.setData(BLOCK_MIME, blockDragText(e));
    if (ev.dataTransfer) ev.dataTransfer.effectAllowed = 'copy';
  }

  protected override render() {
    return html`<input type="search" placeholder="Search blocks" aria-label="Search blocks" .value=${this.query} @input=${(e: Event) => (this.query = (e.target as HTMLInputElement).value)} />
      ${catalogue(this.graphs, this.query).map(
        (g) => html`<h3>${g.title}</h3>
          ${g.items.map(
            (e) =>
              html`<button title=${e.description} data-block=${e.type} draggable="true" @click=${() => this.add(e)} @dragstart=${(ev: DragEvent) => this.drag(ev, e)}>${e.label}</button>`,
          )}`,
      )}`;
  }
}
customElements.define('sg-palette', PaletteElement);
