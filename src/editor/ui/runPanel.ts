import { css, html, LitElement, nothing } from 'lit';
import { auditTime, type Observable } from 'rxjs';
import { RUN_DEFAULTS, type RunSection, resolveDataConfig } from '../../graph';
import { eta, initialRunState, type RunState } from '../run/runState';
import './scheduleOptions';
import { StreamController } from './stream';

type Field = { group: 'data' | 'training'; name: string; label: string; int: boolean; min: number; max: number };
const fields: Field[] = [
  { group: 'data', name: 'count', label: 'sequences', int: true, min: 10, max: 1_000_000 },
  { group: 'data', name: 'seed', label: 'data seed', int: true, min: 0, max: 0xffffffff },
  { group: 'data', name: 'testFraction', label: 'test fraction', int: false, min: 0.01, max: 0.99 },
  { group: 'training', name: 'epochs', label: 'epochs', int: true, min: 1, max: 10_000 },
  { group: 'training', name: 'batchSize', label: 'batch', int: true, min: 1, max: 100_000 },
  { group: 'training', name: 'learningRate', label: 'learning rate', int: false, min: 1e-9, max: 10 },
];

/** Data and training settings, Run / Pause / Stop and the progress readout. */
export class RunPanelElement extends LitElement {
  static override properties = { run: { attribute: false } };
  run: RunSection = RUN_DEFAULTS;
  state$?: Observable<RunState>;
  // A readout redrawn ten times a second is enough to read.
  private readonly state = new StreamController<RunState>(this, () => this.state$?.pipe(auditTime(100)), initialRunState);
  private readonly clock = window.setInterval(() => this.state.value.status === 'running' && this.requestUpdate(), 1000);

  static override styles = css`
    :host { display: block; padding: 8px; font: 13px system-ui, sans-serif; }
    fieldset { border: 1px solid #ddd; margin: 0 0 8px; display: grid; grid-template-columns: auto 1fr; gap: 4px 8px; align-items: center; }
    input, select { width: 100%; box-sizing: border-box; }
    .buttons { display: flex; gap: 6px; flex-wrap: wrap; margin: 6px 0; }
    progress { width: 100%; }
    .msg { color: #555; min-height: 1.2em; }
    .error { color: #a8071a; }
  `;

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.clearInterval(this.clock);
  }

  private emit(name: string, detail: unknown = {}) {
    this.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true }));
  }

  private change(f: Field, text: string) {
    const v = Number(text);
    if (!Number.isFinite(v) || v < f.min || v > f.max || (f.int && !Number.isInteger(v))) return;
    const run = structuredClone(this.run);
    (run[f.group] as unknown as Record<string, number>)[f.name] = v;
    this.emit('run-settings', { run });
  }

  private input(f: Field) {
    const group = this.run[f.group] as unknown as Record<string, number | undefined>;
    const value = f.group === 'data' ? (resolveDataConfig(this.run.data) as unknown as Record<string, number>)[f.name] : group[f.name];
    return html`<label for=${f.name}>${f.label}</label>
      <input id=${f.name} name=${f.name} type="number" step="any" min=${f.min} max=${f.max} .value=${String(value)} @change=${(e: Event) => this.change(f, (e.target as HTMLInputElement).value)} />`;
  }

  protected override render() {
    const s = this.state.value;
    const busy = ['preparing', 'running', 'paused'].includes(s.status);
    const total = Math.max(1, s.epochs * s.stepsPerEpoch);
    const left = eta(s, performance.now());
    return html`<fieldset><legend>Data</legend>${fields.filter((f) => f.group === 'data').map((f) => this.input(f))}
        <label for="rule">velocity rule</label>
        <select id="rule" @change=${(e: Event) => this.emit('run-settings', { run: { ...this.run, data: { ...this.run.data, rule: (e.target as HTMLSelectElement).value } } })}>
          ${['equal-slip', 'literal'].map((r) => html`<option ?selected=${this.run.data.rule === r}>${r}</option>`)}
        </select></fieldset>
      <fieldset><legend>Training (Adam)</legend>${fields.filter((f) => f.group === 'training').map((f) => this.input(f))}
        <sg-schedule .run=${this.run}></sg-schedule>
        <label for="init">start from</label>
        <select id="init" @change=${(e: Event) => this.emit('init-change', { value: (e.target as HTMLSelectElement).value })}>
          <option value="">seeded initialisation</option>
          ${s.weights ? html`<option value="last">the last run in this tab</option>` : nothing}
        </select>
        <label for="initFile">weights file</label>
        <input id="initFile" type="file" accept=".json,application/json" @change=${(e: Event) => {
          const file = (e.target as HTMLInputElement).files?.[0];
          if (file) this.emit('init-file', { file });
        }} />
      </fieldset>
      <div class="buttons">
        <button data-action="run" ?disabled=${busy} @click=${() => this.emit('run-start')}>▶ Run</button>
        ${
          s.status === 'paused'
            ? html`<button data-action="resume" @click=${() => this.emit('run-resume')}>Resume</button>`
            : html`<button data-action="pause" ?disabled=${s.status !== 'running'} @click=${() => this.emit('run-pause')}>Pause</button>`
        }
        <button data-action="stop" ?disabled=${!busy} @click=${() => this.emit('run-stop')}>■ Stop</button>
      </div>
      <progress data-testid="progress" max=${total} .value=${s.step}></progress>
      <div data-testid="readout">${s.status} · epoch ${s.epoch}/${s.epochs} · step ${s.step}/${s.epochs * s.stepsPerEpoch}${left !== null ? ` · ETA ${Math.ceil(left)} s` : nothing}
        ${s.rows.length ? ` · test error ${s.rows[s.rows.length - 1].testErrorPercent.toFixed(2)} %` : nothing}</div>
      <div class="msg ${s.status === 'error' ? 'error' : ''}">${s.message}</div>
      <div class="buttons">
        <button data-action="export-net" ?disabled=${!s.rows.length} @click=${() => this.emit('export-net')}>Export main net (TF.js)</button>
        <button data-action="export-weights" ?disabled=${!s.weights} @click=${() => this.emit('export-weights')}>Save weights</button>
        <button data-action="export-csv" ?disabled=${!s.rows.length} @click=${() => this.emit('export-csv')}>Metrics CSV</button>
      </div>`;
  }
}
customElements.define('sg-run-panel', RunPanelElement);
