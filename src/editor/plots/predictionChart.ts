import uPlot from 'uplot';
import { minOf } from '../../util/extent';
import type { Chart } from './lossChart';

/** Figs. 9–10: one test sequence's prediction against its target, velocity on a second axis. */
export interface PredictionData {
  index: number;
  prediction: ArrayLike<number>;
  target: ArrayLike<number>;
  /** V / Vch at the samples */
  features: ArrayLike<number>;
}

function predictionColumns(d: PredictionData): (number | null)[][] {
  const n = d.target.length;
  const x = Array.from({ length: n }, (_, i) => i);
  // Log axis for velocity: holds are ~1e-8 of sliding speed.
  const v = Array.from(d.features, (f) => (f > 0 ? f : null));
  return [x, Array.from(d.target), Array.from(d.prediction), v];
}

export const predictionLegend = [
  { label: 'target', color: '#333' },
  { label: 'prediction', color: '#d62728' },
  { label: 'V/Vch (right, log)', color: '#2ca02c' },
];

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

export function createPredictionChart(el: HTMLElement, width = 480): Chart<PredictionData> {
  // Built up front, empty, like the histogram.
  const plot = new uPlot(
    {
      width,
      height: 200,
      scales: { x: { time: false }, v: { distr: 3 } },
      axes: [
        { label: 'sample' },
        { label: 'Δμ / Δμch' },
        { scale: 'v', side: 1, label: 'V / Vch', grid: { show: false }, values: (_u, ticks) => decadeLabels(ticks) },
      ],
      series: [
        { label: 'sample' },
        { label: 'target', stroke: predictionLegend[0].color, width: 2 },
        { label: 'prediction', stroke: predictionLegend[1].color, width: 2, dash: [5, 3] },
        { label: 'V/Vch', stroke: `${predictionLegend[2].color}88`, width: 1, scale: 'v', paths: uPlot.paths.stepped!({ align: 1 }) },
      ],
      legend: { show: false },
    },
    [[], [], [], []],
    el,
  );
  return {
    update(d) {
      plot.setData(predictionColumns(d) as uPlot.AlignedData);
      el.dataset.sequence = String(d.index);
    },
    resize(width, height) {
      if (height !== plot.height || width !== plot.width) plot.setSize({ width, height });
    },
    destroy() {
      plot.destroy();
    },
  };
}
