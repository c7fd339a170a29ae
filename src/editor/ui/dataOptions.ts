import { css, html, LitElement, nothing } from 'lit';
import { RUN_DEFAULTS, type RunSection } from '../../graph';

type Choice = { name: string; label: string; options: readonly string[] };
/** The generator's physics settings (docs/data.md); the first option of each is the default. */
const choices: readonly Choice[] = [
  { name: 'law', label: 'state law', options: ['aging', 'slip', 'prz'] },
  { name: 'system', label: 'system', options: ['direct', 'spring-slider'] },
  { name: 'timing', label: 'jump timing', options: ['uniform', 'grid'] },
  { name: 'hold', label: 'hold', options: ['interior', 'not-first'] },
  { name: 'protocol', label: 'protocol', options: ['jumps', 'shs', 'mixed'] },
];
const noises = [
  { name: 'mu', label: 'noise on μ (σ / δμch)' },
  { name: 'v', label: 'noise on V (relative σ)' },
] as const;

/**
 * Where the run's data comes from: the generator with its law, system, timing, hold, protocol and noise
 * (saved in the graph's run.data, so the CLI reruns it), or a dataset file written by
 * `slidegraph import` or `data`, which stays in the page and replaces the generator.
 */
export class DataOptionsElement extends LitElement {
  static override properties = { run: { attribute: false }, imported: { attribute: false } };
  run: RunSection = RUN_DEFAULTS;
  /** the loaded dataset file, if any: its name and sequence count */
  imported: { name: string; count: number } | null = null;

  static override styles = css`
    :host { display: block; padding: 0 8px; font: 13px system-ui, sans-serif; }
    fieldset { border: 1px solid #ddd; margin: 0 0 8px; display: grid; grid-template-columns: auto 1fr; gap: 4px 8px; align-items: center; }
    input, select { width: 100%; box-sizing: border-box; }
    .note { grid-column: 1 / -1; color: #555; }
  `;

  private get data(): Record<string, unknown> {
    return this.run.data as unknown as Record<string, unknown>;
  }

  private emitData(patch: Record<string, unknown>) {
    const run = { ...this.run, data: { ...this.run.data, ...patch } };
    this.dispatchEvent(new CustomEvent('run-settings', { detail: { run }, bubbles: true, composed: true }));
  }

  private noise(name: 'mu' | 'v', text: string) {
    const v = Number(text);
    if (text.trim() === '' || !Number.isFinite(v) || v < 0) return;
    const noise = { ...(this.data.noise as Record<string, number> | undefined), [name]: v };
    this.emitData({ noise });
  }

  private emit(name: string, detail: unknown = {}) {
    this.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true }));
  }

  protected override render() {
    const d = this.data;
    const noise = (d.noise ?? {}) as Record<string, number | undefined>;
    const off = this.imported !== null;
    return html`<fieldset><legend>Data source</legend>
        <label for="dataFile">dataset file</label>
        <input id="dataFile" type="file" accept=".json,application/json" @change=${(e: Event) => {
          const input = e.target as HTMLInputElement;
          const file = input.files?.[0];
          if (file) this.emit('data-file', { file });
          input.value = '';
        }} />
        ${
          off
            ? html`<span class="note" data-testid="imported">training on ${this.imported!.name} (${this.imported!.count} sequences); the generator settings are not used
              <button data-action="clear-data" @click=${() => this.emit('data-file-clear')}>use the generator</button></span>`
            : nothing
        }
      </fieldset>
      <fieldset ?disabled=${off}><legend>Generator physics</legend>
        ${choices.map(
          (c) => html`<label for=${c.name}>${c.label}</label>
            <select id=${c.name} @change=${(e: Event) => this.emitData({ [c.name]: (e.target as HTMLSelectElement).value })}>
              ${c.options.map((o, i) => html`<option ?selected=${(d[c.name] ?? (i === 0 ? o : undefined)) === o}>${o}</option>`)}
            </select>`,
        )}
        ${noises.map(
          (n) => html`<label for=${`noise-${n.name}`}>${n.label}</label>
            <input id=${`noise-${n.name}`} type="number" min="0" step="any" .value=${String(noise[n.name] ?? 0)}
              @change=${(e: Event) => this.noise(n.name, (e.target as HTMLInputElement).value)} />`,
        )}
      </fieldset>`;
  }
}
customElements.define('sg-data-options', DataOptionsElement);
