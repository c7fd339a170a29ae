import uPlot from 'uplot';
import type { Chart } from './lossChart';

/** Fig. 8: how many test sequences fall in each band of the eq. (15) error. */
export interface HistogramData {
  edges: number[];
  counts: number[];
}

function histogramColumns(d: HistogramData): number[][] {
  const mids = d.counts.map((_, i) => (d.edges[i] + d.edges[i + 1]) / 2);
  return [mids, d.counts];
}

export function createHistogramChart(el: HTMLElement, width = 480): Chart<HistogramData> {
  // Built up front, empty: building a plot is the expensive part, updating it is cheap.
  const plot = new uPlot(
    {
      width,
      height: 180,
      scales: { x: { time: false } },
      axes: [{ label: 'test error, % (eq. 15)' }, { label: 'sequences' }],
      series: [
        { label: 'error %' },
        {
          label: 'count',
          fill: '#1f77b488',
          stroke: '#1f77b4',
          paths: uPlot.paths.bars!({ size: [0.9, Infinity] }),
          points: { show: false },
        },
      ],
      legend: { show: false },
    },
    [[], []],
    el,
  );
  return {
    update(d) {
      plot.setData(histogramColumns(d) as uPlot.AlignedData);
      el.dataset.total = String(d.counts.reduce((a, b) => a + b, 0));
    },
    resize(width, height) {
      if (height !== plot.height || width !== plot.width) plot.setSize({ width, height });
    },
    destroy() {
      plot.destroy();
    },
  };
}
