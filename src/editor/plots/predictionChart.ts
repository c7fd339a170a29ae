import uPlot from 'uplot';
import { minOf } from '../../util/extent';
import type { Chart } from './lossChart';

/** Figs. 9–10: one test sequence's prediction against its target, velocity on a second axis. */
export interface PredictionData {
  index: number;
  prediction: ArrayLike<number>;
  target: ArrayLike<number>;
  /** V / Vch at the samples (V in units.v when units are given) */
  features: ArrayLike<number>;
  /** the samples' times in s; absent: sample numbers */
  t?: ArrayLike<number>;
  /** the axes' names when the values are in a record's units (src/editor/run/recordScale.ts); absent: normalized */
  units?: { mu: string; v: string };
}

function predictionColumns(d: PredictionData): (number | null)[][] {
  const n = d.target.length;
  const x = d.t ? Array.from(d.t) : Array.from({ length: n }, (_, i) => i);
  // Log axis for velocity: holds are ~1e-8 of sliding speed.
  const v = Array.from(d.features, (f) => (f > 0 ? f : null));
  return [x, Array.from(d.target), Array.from(d.prediction), v];
}

const colors = { target: '#333', prediction: '#d62728', v: '#2ca02c' };

/** The legend above the chart: the velocity named as the axis names it. */
export function predictionLegend(units?: PredictionData['units']) {
  return [
    { label: 'target', color: colors.target },
    { label: 'prediction', color: colors.prediction },
    { label: `${units?.v ?? 'V/Vch'} (right, log)`, color: colors.v },
  ];
}

/** uPlot's default labels print 1e-8 as "0"; a log axis of velocities wants powers of ten. */
const decade = (v: number | null) =>
  v == null || !Number.isFinite(v) ? '' : v >= 0.01 && v < 1e4 ? String(+v.toPrecision(2)) : v.toExponential(0);

/**
 * The velocity axis's labels: powers of ten only, and at most five of them (every second or
 * third decade over a hold's 1e-9…1 range), so they never crowd.
 */
export function decadeLabels(ticks: readonly number[]): string[] {
  const exps = ticks.map((t) => (t > 0 ? Math.log10(t) : Number.NaN));
  const whole = exps.filter((e) => Math.abs(e - Math.round(e)) < 1e-9).map(Math.round);
  const step = Math.max(1, Math.ceil(whole.length / 5));
  const lo = minOf(whole);
  return ticks.map((t, i) => {
    const e = exps[i];
    const isWhole = Math.abs(e - Math.round(e)) < 1e-9;
    return isWhole && (Math.round(e) - lo) % step === 0 ? decade(t) : '';
  });
}

/** The uPlot options for one set of axis names. */
function options(width: number, height: number, units: PredictionData['units']): uPlot.Options {
  return {
    width,
    height,
    scales: { x: { time: false }, v: { distr: 3 } },
    axes: [
      { label: units ? 't (s)' : 'sample' },
      { label: units?.mu ?? 'Δμ / Δμch' },
      { scale: 'v', side: 1, label: units?.v ?? 'V / Vch', grid: { show: false }, values: (_u, ticks) => decadeLabels(ticks) },
    ],
    series: [
      { label: units ? 't' : 'sample' },
      { label: 'target', stroke: colors.target, width: 2 },
      { label: 'prediction', stroke: colors.prediction, width: 2, dash: [5, 3] },
      { label: units?.v ?? 'V/Vch', stroke: `${colors.v}88`, width: 1, scale: 'v', paths: uPlot.paths.stepped!({ align: 1 }) },
    ],
    legend: { show: false },
  };
}

export function createPredictionChart(el: HTMLElement, width = 480): Chart<PredictionData> {
  // Built up front, empty, like the histogram; built again when the axes change name (a run on
  // a dataset file shows μ and V in its units, one on generated data the normalized values).
  let units: PredictionData['units'];
  let plot = new uPlot(options(width, 200, units), [[], [], [], []], el);
  return {
    update(d) {
      if (d.units?.mu !== units?.mu || d.units?.v !== units?.v) {
        units = d.units;
        const { width: w, height: h } = plot;
        plot.destroy();
        plot = new uPlot(options(w, h, units), [[], [], [], []], el);
      }
      plot.setData(predictionColumns(d) as uPlot.AlignedData);
      el.dataset.sequence = String(d.index);
      el.dataset.units = d.units ? 'record' : 'normalized';
    },
    resize(width, height) {
      if (height !== plot.height || width !== plot.width) plot.setSize({ width, height });
    },
    destroy() {
      plot.destroy();
    },
  };
}
