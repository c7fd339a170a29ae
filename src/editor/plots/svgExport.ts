import { chartSvg } from '../../plots/svg';
import type { HistogramData } from './histogramChart';
import { type LossData, swapLabel } from './lossChart';
import { termColor } from './palette';
import type { PredictionData } from './predictionChart';

/**
 * The live charts as standalone SVG figures, drawn by the same code as the CLI's report
 * (src/plots/svg.ts), so a figure saved from the editor looks like the report's.
 */
export function lossSvg(d: LossData): string {
  return chartSvg({
    title: 'Loss per term (solid: train, dashed: test; dashed orange lines: hot swaps)',
    x: { label: 'epoch' },
    y: { label: 'loss', log: true },
    series: d.terms.flatMap((t, i) => [
      {
        label: `${t} train`,
        x: d.epochs.map((e) => e.x),
        y: d.epochs.map((e) => e.train[t]),
        color: termColor(t, i),
        points: d.epochs.length < 20,
      },
      { label: `${t} test`, x: d.epochs.map((e) => e.x), y: d.epochs.map((e) => e.test[t]), color: termColor(t, i), dashed: true },
    ]),
    marks: d.swaps.map((s) => ({ x: s.x, label: swapLabel(s), ...(s.refused ? { color: '#bbb' } : {}) })),
  });
}

export function histogramSvg(d: HistogramData): string {
  const n = d.counts.reduce((a, b) => a + b, 0) || 1;
  return chartSvg({
    title: 'Distribution of the eq. (15) test error',
    x: { label: `error, % (last bin: ${d.edges[d.counts.length - 1]} % and above)` },
    y: { label: '% of test cases' },
    bars: true,
    series: [{ label: 'test sequences', x: d.edges, y: d.counts.map((c) => (100 * c) / n), color: '#1f77b4' }],
  });
}

export function predictionSvg(d: PredictionData): string {
  const x = d.t ? Array.from(d.t) : Array.from({ length: d.target.length }, (_, i) => i);
  const v = d.units?.v ?? 'V/Vch';
  return chartSvg({
    title: `Test sequence #${d.index}`,
    x: { label: d.units ? 't (s)' : 'sample' },
    y: { label: v, log: true },
    y2: { label: d.units?.mu ?? '(μ − μ(0)) / Δμch' },
    series: [
      { label: `${v} (left axis)`, x, y: d.features, color: '#999', dashed: true },
      { label: 'target', x, y: d.target, color: '#000', axis: 'right' },
      { label: 'prediction', x, y: d.prediction, color: '#d62728', axis: 'right' },
    ],
  });
}
