import { html, LitElement } from 'lit';
import { auditTime, type Observable } from 'rxjs';
import { download } from '../files/io';
import { createHistogramChart, type HistogramData } from '../plots/histogramChart';
import { type Chart, createLossChart, type LossData } from '../plots/lossChart';
import { termColor } from '../plots/palette';
import { createPredictionChart, type PredictionData, predictionLegend } from '../plots/predictionChart';
import { histogramSvg, lossSvg, predictionSvg } from '../plots/svgExport';
import { inRecordUnits } from '../run/recordScale';
import { initialRunState, type RunState } from '../run/runState';
import { StreamController } from './stream';

/** Below these a chart stops shrinking with the dock, and the dock scrolls instead. */
const MIN_CHART_HEIGHT = 120;
const MIN_CHART_WIDTH = 220;

/**
 * Loss per term (fig. 7), error histogram (fig. 8) and one test sequence (figs. 9–10). Charts
 * redraw at most 4 times a second, one chart per task, so no task on the page grows long.
 */
export class ChartsElement extends LitElement {
  static override properties = { chosen: { state: true } };
  state$?: Observable<RunState>;
  chosen = 0;
  private loss?: Chart<LossData>;
  private hist?: Chart<HistogramData>;
  private pred?: Chart<PredictionData>;
  private drawn = { batches: -1, rows: -1, swaps: -1, histogram: null as unknown, predictions: null as unknown, chosen: -1 };
  private readonly state = new StreamController<RunState>(
    this,
    () => this.state$?.pipe(auditTime(250)),
    initialRunState,
    () => this.schedule(),
  );
  private pending = false;
  private sizer?: ResizeObserver;

  // Light DOM so uPlot's stylesheet (loaded once by the page) applies.
  protected override createRenderRoot() {
    return this;
  }

  protected override firstUpdated(): void {
    // Side by side in the dock, the loss chart first: it is the one to watch while training.
    const at = (id: string) => this.querySelector<HTMLElement>(`#${id}`)!;
    this.loss = createLossChart(at('loss'), 460);
    this.hist = createHistogramChart(at('hist'), 360);
    this.pred = createPredictionChart(at('pred'), 460);
    // Each chart fills the room its figure leaves it, so resizing the dock (or the window)
    // resizes the charts: the three share the dock's width, with no sideways scroll.
    const charts = new Map<Element, Chart<never>>([
      [at('loss'), this.loss],
      [at('hist'), this.hist],
      [at('pred'), this.pred],
    ]);
    this.sizer = new ResizeObserver((entries) => {
      for (const e of entries)
        charts
          .get(e.target)
          ?.resize(
            Math.max(MIN_CHART_WIDTH, Math.floor(e.contentRect.width)),
            Math.max(MIN_CHART_HEIGHT, Math.floor(e.contentRect.height)),
          );
    });
    for (const el of charts.keys()) this.sizer.observe(el);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.sizer?.disconnect();
    for (const c of [this.loss, this.hist, this.pred]) c?.destroy();
    this.loss = this.hist = this.pred = undefined;
  }

  /** Runs the stale charts' updates in separate tasks. */
  private schedule(): void {
    if (this.pending) return;
    this.pending = true;
    const s = this.state.value;
    const jobs: (() => void)[] = [];
    const d = this.drawn;
    if (s.terms.length && (d.batches !== s.batches.length || d.rows !== s.rows.length || d.swaps !== s.swaps.length)) {
      jobs.push(() => {
        this.loss?.update({
          terms: s.terms,
          batches: s.batches,
          epochs: s.rows.map((r) => ({ x: r.epoch, train: r.train, test: r.test })),
          swaps: s.swaps,
        });
        Object.assign(d, { batches: s.batches.length, rows: s.rows.length, swaps: s.swaps.length });
      });
    }
    if (s.histogram && d.histogram !== s.histogram) {
      jobs.push(() => {
        this.hist?.update(s.histogram!);
        d.histogram = s.histogram;
      });
    }
    const p = this.displayed(s);
    if (p && (d.predictions !== s.predictions || d.chosen !== this.chosen)) {
      jobs.push(() => {
        this.pred?.update(p);
        Object.assign(d, { predictions: s.predictions, chosen: this.chosen });
      });
    }
    const next = () => {
      const job = jobs.shift();
      if (!job) return void (this.pending = false);
      job();
      setTimeout(next, 0);
    };
    setTimeout(next, 0);
  }

  /** The test sequence the chart draws: the chosen one, in the units of the run's dataset file when it trains on one. */
  displayed(s: RunState = this.state.value): PredictionData | undefined {
    const p = s.predictions.find((q) => q.index === this.chosen) ?? s.predictions[0];
    return p && s.scale ? inRecordUnits(p, s.scale) : p;
  }

  /** The chart as a standalone SVG file, drawn like the CLI report's figures. */
  private saveSvg(which: 'loss' | 'histogram' | 'prediction'): void {
    const s = this.state.value;
    const p = this.displayed(s);
    const svg =
      which === 'loss'
        ? lossSvg({
            terms: s.terms,
            batches: [],
            epochs: s.rows.map((r) => ({ x: r.epoch, train: r.train, test: r.test })),
            swaps: s.swaps,
          })
        : which === 'histogram'
          ? s.histogram && histogramSvg(s.histogram)
          : p && predictionSvg(p);
    if (svg) download(`${which}.svg`, svg, 'image/svg+xml');
  }

  private svgButton(which: 'loss' | 'histogram' | 'prediction', ready: boolean) {
    return html`<button class="svg" ?disabled=${!ready} data-action="svg-${which}" @click=${() => this.saveSvg(which)}>SVG</button>`;
  }

  protected override render() {
    const s = this.state.value;
    return html`<figure><h3>Loss per term, log scale ${this.svgButton('loss', s.rows.length > 0)}</h3>
      <div class="legend">${s.terms.map((t, i) => html`<span class=${s.dropped.includes(t) ? 'dropped' : ''} style="color:${termColor(t, i)}" title=${s.dropped.includes(t) ? 'removed from the loss by a hot swap' : ''}>■ ${t}</span> `)}
        <span style="color:#888">— train, ‒ ‒ test, grey: batch objective, orange: hot swaps</span>
        ${s.terms.length ? '' : html`<span class="empty">Press Run to see the losses.</span>`}</div>
      <div id="loss" data-testid="loss-chart"></div></figure>
      <figure><h3>Test error histogram, eq. (15) ${this.svgButton('histogram', !!s.histogram)}</h3>
      <div class="legend"></div>
      <div id="hist" data-testid="histogram-chart"></div></figure>
      <figure><h3>Test sequence${s.scale ? ` of ${s.scale.name}` : ''}
        <select aria-label="test sequence" @change=${(e: Event) => {
          this.chosen = Number((e.target as HTMLSelectElement).value);
          this.schedule();
        }}>
          ${s.predictions.map((p) => html`<option value=${p.index} ?selected=${p.index === this.chosen}>#${p.index}</option>`)}
        </select> ${this.svgButton('prediction', s.predictions.length > 0)}</h3>
      <div class="legend">${predictionLegend(this.displayed(s)?.units).map((l) => html`<span style="color:${l.color}">■ ${l.label}</span> `)}</div>
      <div id="pred" data-testid="prediction-chart"></div></figure>`;
  }
}
customElements.define('sg-charts', ChartsElement);
