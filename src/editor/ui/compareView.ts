import { css, html, LitElement, nothing } from 'lit';
import { unsafeSVG } from 'lit/directives/unsafe-svg.js';
import { errorBarSvg } from '../../plots/errorBars';
import { chartSvg, palette } from '../../plots/svg';
import { againstSetting, type ComparedRun, isSeed, readRunSet, smooth, sweptKeys } from '../compare/runSet';

type Column = 'name' | 'epochs' | 'loss' | 'testErrorPercent' | `setting:${string}`;

/**
 * Run comparison: pick run folders or a sweep folder, and their runs are overlaid (training
 * loss and test error per epoch, smoothed as TensorBoard does), listed in a table that sorts by
 * any column, and a final metric is plotted against a swept setting with ±1 sd over seeds.
 * Opening other folders replaces the set shown; nothing is mixed.
 */
export class CompareViewElement extends LitElement {
  static override properties = {
    runs: { state: true },
    refused: { state: true },
    weight: { state: true },
    sort: { state: true },
    setting: { state: true },
    metric: { state: true },
  };
  runs: ComparedRun[] = [];
  refused: string[] = [];
  weight = 0.6;
  sort: { by: Column; up: boolean } = { by: 'name', up: true };
  setting = '';
  metric: 'loss' | 'testErrorPercent' = 'testErrorPercent';

  static override styles = css`
    :host { font: 13px system-ui, sans-serif; }
    .panel { position: fixed; left: 4%; right: 4%; top: 40px; bottom: 40px; z-index: 12; background: white; border: 1px solid #ccc;
      box-shadow: 0 4px 16px #0003; padding: 8px 12px; overflow: auto; }
    header { display: flex; gap: 12px; align-items: center; }
    header strong { margin-right: auto; }
    .figures { display: grid; grid-template-columns: repeat(auto-fit, minmax(560px, 1fr)); gap: 8px; }
    .figures svg { width: 100%; height: auto; }
    table { border-collapse: collapse; margin: 6px 0; }
    td, th { border: 1px solid #ddd; padding: 2px 6px; text-align: right; }
    th button { font: inherit; border: none; background: none; cursor: pointer; }
    .error { color: #a8071a; }
  `;

  /** Reads the picked files (a folder's, with their paths) and shows them instead of the last set. */
  async open(list: readonly File[]): Promise<void> {
    const wanted = list.filter((f) => /(^|\/)(metrics|graph)\.json$/.test(f.webkitRelativePath || f.name));
    const files = await Promise.all(wanted.map(async (f) => ({ path: f.webkitRelativePath || f.name, text: await f.text() })));
    const r = readRunSet(files);
    this.runs = r.runs;
    this.refused = r.runs.length ? r.refused : [...r.refused, 'no run folder (metrics.json) among the picked files'];
    this.setting = sweptKeys(r.runs).find((k) => !isSeed(k)) ?? '';
  }

  private close(): void {
    this.runs = [];
    this.refused = [];
  }

  private pick(): void {
    const input = this.renderRoot.querySelector<HTMLInputElement>('input[type=file]')!;
    input.value = '';
    input.click();
  }

  private curves(title: string, y: 'loss' | 'testError', log: boolean): string {
    return chartSvg({
      title,
      x: { label: 'epoch' },
      y: { label: y === 'loss' ? 'training loss (total)' : 'eq. (15) test error, %', log },
      series: this.runs.map((r, k) => ({
        label: r.name,
        x: r.epochs.map((e) => e.epoch),
        y: smooth(
          r.epochs.map((e) => e[y]),
          this.weight,
        ),
        color: palette[k % palette.length],
        dashed: k >= palette.length,
      })),
    });
  }

  private sorted(): ComparedRun[] {
    const { by, up } = this.sort;
    const key = (r: ComparedRun): string | number | boolean =>
      by === 'name'
        ? r.name
        : by === 'epochs' || by === 'loss' || by === 'testErrorPercent'
          ? r.final[by]
          : (r.settings[by.slice(8)] ?? '');
    return [...this.runs].sort((a, b) => {
      const [x, y] = [key(a), key(b)];
      const c = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y));
      return up ? c : -c;
    });
  }

  private th(by: Column, label: string) {
    const mark = this.sort.by === by ? (this.sort.up ? ' ▲' : ' ▼') : '';
    return html`<th><button data-sort=${by} @click=${() => (this.sort = { by, up: this.sort.by === by ? !this.sort.up : true })}>${label}${mark}</button></th>`;
  }

  private table(swept: string[]) {
    const num = (v: number) => String(+v.toPrecision(4));
    return html`<table data-testid="compare-table">
      <tr>${this.th('name', 'run')}${swept.map((k) => this.th(`setting:${k}`, k))}${this.th('epochs', 'epochs')}${this.th('loss', 'final loss')}${this.th('testErrorPercent', 'final test error, %')}</tr>
      ${this.sorted().map(
        (r) => html`<tr><td>${r.name}</td>${swept.map((k) => html`<td>${String(r.settings[k] ?? '–')}</td>`)}<td>${r.final.epochs}</td>
          <td>${num(r.final.loss)}</td><td>${num(r.final.testErrorPercent)}</td></tr>`,
      )}</table>`;
  }

  private againstFigure() {
    if (!this.setting) return nothing;
    const points = againstSetting(this.runs, this.setting, this.metric);
    const y = this.metric === 'loss' ? 'final training loss' : 'final test error, %';
    return html`<figure data-testid="compare-against">${unsafeSVG(
      errorBarSvg({ title: `${y} against ${this.setting} (mean ± sd over seeds)`, x: this.setting, y, groups: [{ label: y, points }] }),
    )}</figure>`;
  }

  protected override render() {
    const swept = sweptKeys(this.runs);
    const axes = swept.filter((k) => !isSeed(k));
    const input = html`<input type="file" hidden webkitdirectory multiple @change=${(e: Event) => void this.open([...((e.target as HTMLInputElement).files ?? [])])} />`;
    const button = html`<button data-action="compare" @click=${() => this.pick()} title="open run folders or a sweep folder">Compare runs…</button>`;
    if (!this.runs.length && !this.refused.length) return html`${button}${input}`;
    return html`${button}${input}<section class="panel" role="dialog" aria-label="run comparison">
      <header><strong>${this.runs.length} runs</strong>
        <label>smoothing <input type="range" min="0" max="0.99" step="0.01" .value=${String(this.weight)} aria-label="smoothing"
          @input=${(e: Event) => (this.weight = Number((e.target as HTMLInputElement).value))} /> ${this.weight.toFixed(2)}</label>
        <button @click=${() => this.close()}>Close</button></header>
      ${this.refused.map((r) => html`<div class="error">${r}</div>`)}
      ${this.table(swept)}
      ${
        axes.length
          ? html`<label>against <select aria-label="swept setting" @change=${(e: Event) => (this.setting = (e.target as HTMLSelectElement).value)}>
              ${axes.map((k) => html`<option ?selected=${k === this.setting}>${k}</option>`)}</select></label>
            <label>metric <select aria-label="metric" @change=${(e: Event) => (this.metric = (e.target as HTMLSelectElement).value as 'loss' | 'testErrorPercent')}>
              <option value="testErrorPercent">final test error</option><option value="loss">final training loss</option></select></label>`
          : nothing
      }
      <div class="figures">
        <figure data-testid="compare-loss">${unsafeSVG(this.curves('Training loss per epoch', 'loss', true))}</figure>
        <figure data-testid="compare-error">${unsafeSVG(this.curves('Test error per epoch', 'testError', true))}</figure>
        ${this.againstFigure()}
      </div></section>`;
  }
}
customElements.define('sg-compare', CompareViewElement);
