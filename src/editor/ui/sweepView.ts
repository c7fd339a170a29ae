import { css, html, LitElement, nothing } from 'lit';
import { unsafeSVG } from 'lit/directives/unsafe-svg.js';
import { sweepFigures } from '../../paper/sweep';
import { type SweepSummary, settingLabel } from '../../run/summaryFile';

/**
 * A sweep's summary.json (written by `slidegraph collect`): test error against each swept
 * parameter with ±1 sd bars, every setting's curve, and a button that opens a setting as its
 * graph. The figures are the report's own SVG, built from escaped text only.
 */
export class SweepViewElement extends LitElement {
  static override properties = { summary: { attribute: false } };
  summary: SweepSummary | null = null;

  static override styles = css`
    :host { display: block; position: absolute; left: 10%; right: 10%; top: 48px; z-index: 11; box-shadow: 0 4px 16px #0003; border: 1px solid #ccc; font: 13px system-ui, sans-serif; background: white; padding: 8px 12px; max-height: 80vh; overflow: auto; }
    header { display: flex; justify-content: space-between; align-items: baseline; gap: 12px; }
    table { border-collapse: collapse; margin: 6px 0; }
    td, th { border: 1px solid #ddd; padding: 2px 6px; text-align: right; }
    .figures { display: flex; flex-wrap: wrap; gap: 8px; }
    .figures svg { max-width: 100%; height: auto; }
  `;

  private emit(name: string, detail: unknown = {}) {
    this.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true }));
  }

  protected override render() {
    const s = this.summary;
    if (!s) return nothing;
    const f = sweepFigures(s);
    const e = (k: number) => s.settings[k].stats.testErrorPercent;
    const sd = (v: number | null) => (v === null ? '–' : v.toFixed(3));
    return html`<header><strong>Sweep of ${s.graph}</strong>
        <button @click=${() => this.emit('sweep-close')} aria-label="close the sweep">Close</button></header>
      <table data-testid="sweep-settings">
        <tr><th>setting</th><th>n</th><th>test error, % (mean ± sd)</th><th></th></tr>
        ${s.settings.map(
          (row, k) => html`<tr><td>${settingLabel(row.values)}</td><td>${row.n}</td>
            <td>${e(k) ? `${e(k).mean.toFixed(3)} ± ${sd(e(k).sd)}` : '–'}</td>
            <td><button @click=${() => this.emit('open-setting', { index: k })}>Open graph</button></td></tr>`,
        )}
      </table>
      ${s.missing.length ? html`<p>Not finished: ${s.missing.join(', ')}</p>` : nothing}
      <div class="figures">
        ${f.parameters.map((p) => html`<figure data-parameter=${p.parameter}>${unsafeSVG(p.svg)}</figure>`)}
        <figure data-testid="sweep-curves">${unsafeSVG(f.curves)}</figure>
      </div>`;
  }
}
customElements.define('sg-sweep-view', SweepViewElement);
