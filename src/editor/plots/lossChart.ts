import uPlot from 'uplot';
import { termColor } from './palette';

/** Plain data for fig. 7: per-term losses against epochs, with the hot swaps as marks. */
export interface LossData {
  terms: string[];
  /** thinned batch losses (x in epochs, fractional) */
  batches: { x: number; losses: Record<string, number> }[];
  /** per-epoch train and test losses (x = epoch) */
  epochs: { x: number; train: Record<string, number>; test: Record<string, number> }[];
  swaps: { x: number; note: string; refused?: string }[];
}

/** The aligned columns uPlot wants: one x column, the batch objective, then train and test per term. */
function lossColumns(d: LossData): (number | null)[][] {
  const xs = [...new Set([...d.batches.map((b) => b.x), ...d.epochs.map((e) => e.x)])].sort((a, b) => a - b);
  const at = new Map(xs.map((x, i) => [x, i]));
  const column = (pts: { x: number; v: number | undefined }[]) => {
    const col: (number | null)[] = new Array(xs.length).fill(null);
    // A log axis cannot show 0 or less: such points are left out, not faked.
    for (const p of pts) if (p.v !== undefined && p.v > 0 && Number.isFinite(p.v)) col[at.get(p.x)!] = p.v;
    return col;
  };
  const cols: (number | null)[][] = [xs];
  cols.push(column(d.batches.map((b) => ({ x: b.x, v: b.losses.total }))));
  for (const t of d.terms) cols.push(column(d.epochs.map((e) => ({ x: e.x, v: e.train[t] }))));
  for (const t of d.terms) cols.push(column(d.epochs.map((e) => ({ x: e.x, v: e.test[t] }))));
  return cols;
}

/** Pixels above the plot where the swap labels go: two rows of 10 px text. */
const SWAP_BAND = 28;

function options(terms: string[], width: number, swaps: () => LossData['swaps']): uPlot.Options {
  const series: uPlot.Series[] = [{ label: 'epoch' }];
  // Batches: only the objective, thin, so the chart stays cheap to redraw during a run.
  series.push({ label: 'total (batches)', stroke: '#99999988', width: 1, points: { show: false } });
  terms.forEach((t, i) => series.push({ label: `${t} train`, stroke: termColor(t, i), width: 2, spanGaps: true }));
  terms.forEach((t, i) => series.push({ label: `${t} test`, stroke: termColor(t, i), width: 2, dash: [6, 4], spanGaps: true }));
  return {
    width,
    height: 220,
    scales: { x: { time: false }, y: { distr: 3 } },
    axes: [{ label: 'epoch' }, { label: 'loss (log)' }],
    // A band above the plot for the swap labels, so that they never cover a curve.
    padding: [SWAP_BAND, null, null, null],
    series,
    // The legend is drawn by the page once per run: uPlot's live legend costs a table per series.
    legend: { show: false },
    hooks: {
      // The swap marks: a vertical line where the loss changed under the running net.
      draw: [
        (u) => {
          const ctx = u.ctx;
          const r = devicePixelRatio;
          ctx.save();
          swaps().forEach((s, i) => {
            const px = u.valToPos(s.x, 'x', true);
            ctx.strokeStyle = s.refused ? '#bbb' : '#f5a623';
            ctx.lineWidth = 2 * r;
            ctx.setLineDash([4 * r, 3 * r]);
            ctx.beginPath();
            ctx.moveTo(px, u.bbox.top);
            ctx.lineTo(px, u.bbox.top + u.bbox.height);
            ctx.stroke();
            // The swap's label above the plot beside its line, in two staggered rows so that close
            // swaps stay legible.
            ctx.font = `${10 * r}px system-ui, sans-serif`;
            ctx.fillStyle = s.refused ? '#888' : '#b86e00';
            ctx.textAlign = px > u.bbox.left + u.bbox.width * 0.5 ? 'right' : 'left';
            ctx.fillText(swapLabel(s), px + (ctx.textAlign === 'left' ? 4 : -4) * r, u.bbox.top - (4 + 12 * (i % 2)) * r);
          });
          ctx.restore();
        },
      ],
    },
  };
}

/** A swap's label on a chart: the edit, shortened; a refused swap says so. */
export function swapLabel(s: { note: string; refused?: string }): string {
  const note = s.note.length > 32 ? `${s.note.slice(0, 31)}…` : s.note;
  return s.refused ? `refused: ${note}` : note;
}

export interface Chart<D> {
  update(data: D): void;
  /** a new size in pixels, axes included */
  resize(width: number, height: number): void;
  destroy(): void;
}

export function createLossChart(el: HTMLElement, width = 480): Chart<LossData> {
  let swaps: LossData['swaps'] = [];
  let terms: string[] = [];
  // Built up front with the batch objective only; the terms' series are added when a run
  // names them, which costs far less than building a plot while training runs.
  const plot = new uPlot(
    options([], width, () => swaps),
    [[], []],
    el,
  );
  const setTerms = (next: string[]) => {
    for (let i = plot.series.length - 1; i >= 2; i--) plot.delSeries(i);
    const all = options(next, width, () => swaps).series.slice(2);
    all.forEach((s, i) => plot.addSeries(s, 2 + i));
    terms = next;
  };
  return {
    update(d) {
      swaps = d.swaps;
      // One redraw for new series and new data together.
      plot.batch(() => {
        if (d.terms.join(',') !== terms.join(',')) setTerms(d.terms);
        plot.setData(lossColumns(d) as uPlot.AlignedData);
      });
      el.dataset.swaps = String(d.swaps.length);
      el.dataset.points = String(d.batches.length + d.epochs.length);
    },
    resize(width, height) {
      if (height !== plot.height || width !== plot.width) plot.setSize({ width, height });
    },
    destroy() {
      plot.destroy();
    },
  };
}
