import { css, html, LitElement, nothing } from 'lit';
import { RUN_DEFAULTS, type RunSection } from '../../graph';
import { dataConfig } from '../../physics/dataset';

type Choice = { name: string; label: string; options: readonly string[] };
/** The generator's physics settings (docs/data.md); the first option of each is the default. */
const choices: readonly Choice[] = [
  { name: 'law', label: 'state law', options: ['aging', 'slip', 'prz'] },
  { name: 'system', label: 'system', options: ['direct', 'spring-slider'] },
  { name: 'timing', label: 'jump timing', options: ['uniform', 'grid'] },
  { name: 'hold', label: 'hold', options: ['interior', 'not-first'] },
  { name: 'protocol', label: 'protocol', options: ['jumps', 'shs', 'ramps', 'sine', 'mixed'] },
];
/** The generator's physical settings (issue 24; docs/data.md), shown at the paper's values until set. */
const paper = dataConfig();
type Setting = { name: string; label: string; value: number; kind: 'finite' | 'positive' | 'count' };
const settings: readonly Setting[] = [
  ...(['mu0', 'a', 'b'] as const).map(
    (k): Setting => ({ name: `params.${k}`, label: k === 'mu0' ? 'μ0' : k, value: paper.params[k], kind: 'finite' }),
  ),
  { name: 'params.vRef', label: 'Vref (m/s)', value: paper.params.vRef, kind: 'positive' },
  { name: 'params.dc', label: 'Dc (m)', value: paper.params.dc, kind: 'positive' },
  { name: 'duration', label: 'duration (s)', value: paper.duration, kind: 'positive' },
  { name: 'totalSlipDc', label: 'total slip (Dc)', value: paper.totalSlipDc, kind: 'positive' },
  { name: 'minJumps', label: 'fewest jumps', value: paper.minJumps, kind: 'count' },
  { name: 'maxJumps', label: 'most jumps', value: paper.maxJumps, kind: 'count' },
  { name: 'holdVelocity', label: 'hold velocity (m/s)', value: paper.holdVelocity, kind: 'positive' },
  { name: 'samples', label: 'samples', value: paper.samples, kind: 'count' },
];

const noises = [
  { name: 'mu', label: 'noise on μ (σ / δμch)' },
  { name: 'v', label: 'noise on V (relative σ)' },
] as const;

/** A loaded dataset file as the panel shows it: its name, size and recorded scale. */
export interface ImportedData {
  name: string;
  count: number;
  samples: number;
  /** m/s */
  vCh: number;
  dmuCh: number;
}

const num = (x: number) => String(Number(x.toPrecision(4)));

/**
 * Where the run's data comes from: the generator with its law, system, timing, hold, protocol and noise
 * (saved in the graph's run.data, so the CLI reruns it), or a dataset file written by
 * `slidegraph import` or `data`, which stays in the page and replaces the generator.
 */
export class DataOptionsElement extends LitElement {
  static override properties = { run: { attribute: false }, imported: { attribute: false } };
  run: RunSection = RUN_DEFAULTS;
  /** the loaded dataset file, if any */
  imported: ImportedData | null = null;

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

  /** A physical setting from its field; a value the setting cannot take is ignored, as for noise. */
  private setting(s: Setting, text: string) {
    const v = Number(text);
    if (text.trim() === '' || !Number.isFinite(v)) return;
    if ((s.kind === 'positive' && v <= 0) || (s.kind === 'count' && !(Number.isInteger(v) && v >= 1))) return;
    const [head, key] = s.name.split('.');
    if (key) this.emitData({ params: { ...(this.data.params as Record<string, number> | undefined), [key]: v } });
    else this.emitData({ [head]: v });
  }

  private current(s: Setting): number {
    const [head, key] = s.name.split('.');
    const v = key ? (this.data.params as Record<string, number> | undefined)?.[key] : this.data[head];
    return typeof v === 'number' ? v : s.value;
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
            ? html`<span class="note" data-testid="imported">training on ${this.imported!.name} (${this.imported!.count} sequences of ${this.imported!.samples} samples, Vch ${num(this.imported!.vCh)} m/s, δμch ${num(this.imported!.dmuCh)}); the generator settings are not used
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
        ${settings.map(
          (s) => html`<label for=${s.name.replace('.', '-')}>${s.label}</label>
            <input id=${s.name.replace('.', '-')} type="number" step="any" .value=${String(this.current(s))}
              @change=${(e: Event) => this.setting(s, (e.target as HTMLInputElement).value)} />`,
        )}
      </fieldset>`;
  }
}
customElements.define('sg-data-options', DataOptionsElement);
