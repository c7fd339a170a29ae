import { css, html, LitElement, nothing } from 'lit';
import { RUN_DEFAULTS, type RunSection, type Schedule } from '../../graph';
import { checkSchedule, learningRateAt } from '../../train/schedule';

/** A new schedule of each type starts from these, scaled to the base rate where it is a rate. */
const starts = (base: number): Record<Schedule['type'], Schedule> => ({
  constant: { type: 'constant' },
  cosine: { type: 'cosine', min: base / 10 },
  step: { type: 'step', every: 10, factor: 0.5 },
});

/**
 * The learning-rate schedule (`run.training.schedule`, src/train/schedule.ts), in the run panel:
 * so a schedule needs no JSON nor `--set`. A refused value says why and changes nothing.
 */
export class ScheduleOptionsElement extends LitElement {
  static override properties = { run: { attribute: false }, refused: { state: true } };
  run: RunSection = RUN_DEFAULTS;
  refused = '';

  static override styles = css`
    :host { display: contents; }
    input, select { width: 100%; box-sizing: border-box; }
    .note { grid-column: 1 / -1; color: #555; }
    .error { color: #a8071a; }
  `;

  private get schedule(): Schedule {
    return this.run.training.schedule ?? { type: 'constant' };
  }

  private set(schedule: Schedule) {
    try {
      checkSchedule(schedule, this.run.training.learningRate);
    } catch (e) {
      this.refused = e instanceof Error ? e.message : String(e);
      return;
    }
    this.refused = '';
    const run = { ...this.run, training: { ...this.run.training, schedule } };
    this.dispatchEvent(new CustomEvent('run-settings', { detail: { run }, bubbles: true, composed: true }));
  }

  private field(name: 'min' | 'every' | 'factor', label: string) {
    const s = this.schedule as unknown as Record<string, number>;
    return html`<label for="lr-${name}">${label}</label>
      <input id="lr-${name}" type="number" step="any" .value=${String(s[name])}
        @change=${(e: Event) => this.set({ ...this.schedule, [name]: Number((e.target as HTMLInputElement).value) } as Schedule)} />`;
  }

  protected override render() {
    const s = this.schedule;
    const { learningRate: base, epochs } = this.run.training;
    const last = learningRateAt(base, s, epochs - 1, epochs);
    return html`<label for="lr-schedule">lr schedule</label>
      <select id="lr-schedule" @change=${(e: Event) => this.set(starts(base)[(e.target as HTMLSelectElement).value as Schedule['type']])}>
        ${(['constant', 'cosine', 'step'] as const).map((t) => html`<option ?selected=${s.type === t}>${t}</option>`)}
      </select>
      ${s.type === 'cosine' ? this.field('min', 'lr at the end') : nothing}
      ${s.type === 'step' ? [this.field('every', 'every (epochs)'), this.field('factor', 'factor')] : nothing}
      <div class="note ${this.refused ? 'error' : ''}" data-testid="schedule-note">${this.refused || `last epoch's rate: ${last.toPrecision(3)}`}</div>`;
  }
}
customElements.define('sg-schedule', ScheduleOptionsElement);
