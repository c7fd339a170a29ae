import { css, html, LitElement } from 'lit';

/**
 * A bar that resizes the pane below it: drag it, or focus it and press ↑/↓. Emits `resize`
 * {by}, the change in pixels of the pane's height (up is bigger).
 */
export class SplitterElement extends LitElement {
  static override styles = css`
    :host { display: block; height: 6px; cursor: row-resize; background: #e3e5e8; border-top: 1px solid #ccc; touch-action: none; }
    :host(:hover), :host(:focus-visible) { background: #c7d4ee; outline: none; }
  `;
  private last: number | null = null;

  override connectedCallback(): void {
    super.connectedCallback();
    this.tabIndex = 0;
    this.setAttribute('role', 'separator');
    this.setAttribute('aria-orientation', 'horizontal');
    this.setAttribute('aria-label', 'resize the charts');
    this.addEventListener('pointerdown', (e) => {
      this.setPointerCapture(e.pointerId);
      this.last = e.clientY;
    });
    this.addEventListener('pointermove', (e) => {
      if (this.last === null) return;
      this.emit(this.last - e.clientY);
      this.last = e.clientY;
    });
    this.addEventListener('pointerup', () => (this.last = null));
    this.addEventListener('keydown', (e) => {
      const by = e.key === 'ArrowUp' ? 40 : e.key === 'ArrowDown' ? -40 : 0;
      if (!by) return;
      e.preventDefault();
      e.stopPropagation();
      this.emit(by);
    });
  }

  private emit(by: number) {
    if (by) this.dispatchEvent(new CustomEvent('resize', { detail: { by }, bubbles: true, composed: true }));
  }

  protected override render() {
    return html``;
  }
}
customElements.define('sg-splitter', SplitterElement);
