import { css, html, LitElement } from 'lit';
import './compareView';
import type { Crumb } from '../store';

export const shortcuts: [string, string][] = [
  ['Ctrl+O', 'open'],
  ['Ctrl+S', 'save'],
  ['Ctrl+Z', 'undo'],
  ['Ctrl+Shift+Z / Ctrl+Y', 'redo'],
  ['Ctrl+C / X / V', 'copy, cut, paste'],
  ['Ctrl+A', 'select all'],
  ['Delete', 'delete selection'],
  ['Arrows', 'move selection'],
  ['Tab', 'next block'],
  ['Enter / double-click', 'open sub-graph'],
  ['W', 'wire the selected block (choose from the list)'],
  ['Escape', 'back up'],
  ['F', 'zoom to fit'],
  ['L', 'auto-arrange'],
  ['?', 'this table (Escape closes it)'],
];

/** Breadcrumb and the file and view commands. Emits `command` {name} and `crumb` {depth}. */
export class ToolbarElement extends LitElement {
  static override properties = {
    trail: { attribute: false },
    canUndo: { type: Boolean },
    canRedo: { type: Boolean },
    dirty: { type: Boolean },
  };
  trail: readonly Crumb[] = [];
  canUndo = false;
  canRedo = false;

  static override styles = css`
    :host { display: flex; align-items: center; gap: 6px; padding: 4px 8px; border-bottom: 1px solid #ddd; font: 13px system-ui, sans-serif; flex-wrap: wrap; }
    nav { display: flex; gap: 4px; align-items: center; margin-right: auto; }
    nav button { border: none; background: none; color: #1a55c4; cursor: pointer; padding: 2px; }
    nav button[aria-current='page'] { color: #111; font-weight: 600; cursor: default; }
    .sep { color: #999; }
  `;

  private cmd(name: string) {
    this.dispatchEvent(new CustomEvent('command', { detail: { name }, bubbles: true, composed: true }));
  }

  protected override render() {
    const last = this.trail.length - 1;
    return html`<nav aria-label="breadcrumb" data-testid="breadcrumb">
        ${this.trail.map(
          (c, i) => html`${i ? html`<span class="sep">›</span>` : ''}<button aria-current=${i === last ? 'page' : 'false'}
              @click=${() => i !== last && this.dispatchEvent(new CustomEvent('crumb', { detail: { depth: i }, bubbles: true, composed: true }))}>${c.via ? `${c.via} (${c.file})` : c.file}</button>`,
        )}
      </nav>
      <button @click=${() => this.cmd('open')} title="Ctrl+O">Open…</button>
      <button @click=${() => this.cmd('save')} title="Ctrl+S">Save</button>
      <button @click=${() => this.cmd('undo')} ?disabled=${!this.canUndo} title="Ctrl+Z">Undo</button>
      <button @click=${() => this.cmd('redo')} ?disabled=${!this.canRedo} title="Ctrl+Shift+Z">Redo</button>
      <button @click=${() => this.cmd('arrange')} title="L">Auto-arrange</button>
      <button @click=${() => this.cmd('fit')} title="F">Zoom to fit</button>
      <button @click=${() => this.cmd('reset')} title="reload the shipped graphs, dropping the autosave">Reset</button>
      <sg-compare></sg-compare>
      <button @click=${() => this.cmd('help')} title="keyboard shortcuts">?</button>`;
  }
}
customElements.define('sg-toolbar', ToolbarElement);
