import { css, html, LitElement } from 'lit';
import type { GraphConnection } from '../../graph';

/**
 * Wiring from the keyboard: the wires the selected block may take, filtered as you type; Enter
 * (or a click) on one emits `wire` {connection}; Escape emits `close`.
 */
export class WireDialogElement extends LitElement {
  static override properties = { block: { attribute: false }, choices: { attribute: false }, query: { state: true } };
  block = '';
  choices: GraphConnection[] = [];
  query = '';

  static override styles = css`
    :host { position: absolute; left: 50%; top: 64px; transform: translateX(-50%); z-index: 20; background: #fff; border: 1px solid #999;
      border-radius: 6px; box-shadow: 0 6px 24px #0003; padding: 8px; width: 420px; max-height: 60vh; overflow: auto; font: 13px system-ui, sans-serif; }
    input { width: 100%; box-sizing: border-box; padding: 4px 6px; margin-bottom: 6px; }
    button { display: block; width: 100%; text-align: left; border: 1px solid #ddd; background: #fafafa; padding: 3px 6px; margin: 2px 0; cursor: pointer; }
    button:focus-visible, button:hover { background: #e8f0fe; outline: 2px solid #1a55c4; }
    p { margin: 4px 0; color: #555; }
  `;

  private emit(name: string, detail: unknown = {}) {
    this.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true }));
  }

  protected override firstUpdated(): void {
    this.renderRoot.querySelector('input')?.focus();
  }

  private keys(e: KeyboardEvent) {
    e.stopPropagation();
    const buttons = [...this.renderRoot.querySelectorAll('button')];
    const at = buttons.indexOf((this.renderRoot as ShadowRoot).activeElement as HTMLButtonElement);
    if (e.key === 'Escape') this.emit('close');
    else if (e.key === 'ArrowDown') buttons[Math.min(buttons.length - 1, at + 1)]?.focus();
    else if (e.key === 'ArrowUp') (at <= 0 ? this.renderRoot.querySelector('input') : buttons[at - 1])?.focus();
    else if (e.key === 'Enter' && at < 0 && buttons.length) buttons[0].click();
    else return;
    e.preventDefault();
  }

  protected override render() {
    const q = this.query.toLowerCase();
    const text = (c: GraphConnection) => `${c.from.node}.${c.from.socket} → ${c.to.node}.${c.to.socket}`;
    const shown = this.choices.filter((c) => text(c).toLowerCase().includes(q));
    return html`<div role="dialog" aria-label="wire ${this.block}" @keydown=${(e: KeyboardEvent) => this.keys(e)}>
      <input type="search" aria-label="filter wires" placeholder="Wire ${this.block}: type to filter, ↓ to choose" .value=${this.query}
        @input=${(e: Event) => (this.query = (e.target as HTMLInputElement).value)} />
      ${shown.length ? '' : html`<p>No wire ${this.block} can take${q ? ' matches' : ''}.</p>`}
      ${shown.map((c) => html`<button data-wire=${text(c)} @click=${() => this.emit('wire', { connection: c })}>${text(c)}</button>`)}
    </div>`;
  }
}
customElements.define('sg-wire-dialog', WireDialogElement);
