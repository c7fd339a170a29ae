import { twoSdBand } from '../plots/band';
import { chartSvg, esc, palette, type Series } from '../plots/svg';
import { htmlTable, pageStyle } from '../report/html';
import { minOf } from '../util/extent';
import { defaultHistogramEdges, histogram } from '../util/testError';
import { floorAndControlHtml } from './floorControl';
import { heightOf, panelsSvg } from './panels';
import type { ReportData, ReportExample } from './reportData';

/** The paper's run (section II): 15 000 simulated sequences, 50 epochs per stage. */
export const PAPER_RUN = { sequences: 15000, epochs: 50 };

/** The samples the inset of figs. 9–10 shows: the start, where the initial condition (ICs) acts. */
export const insetSamples = (n: number) => Math.max(5, Math.round(n * 0.06));

/** A warning when the run is far smaller than the paper's (under half its data or epochs), or ''. */
export function scaleWarning(d: ReportData): string {
  const sequences = typeof d.provenance.sequences === 'number' ? d.provenance.sequences : undefined;
  const epochs = minOf(d.stages.map((s) => s.trainLoss.length));
  const small = (sequences !== undefined && sequences < PAPER_RUN.sequences / 2) || epochs < PAPER_RUN.epochs / 2;
  if (!small) return '';
  return (
    `This run is far smaller than the paper's: ${sequences ?? '?'} sequences and ${epochs} epoch${epochs === 1 ? '' : 's'} per stage, ` +
    `against ${PAPER_RUN.sequences} sequences and ${PAPER_RUN.epochs} epochs. Its losses and errors are not comparable with the paper's ` +
    "columns below; run `slidegraph reproduce` with the paper's settings for that."
  );
}

/** Provenance as rows of a table: nested objects become dotted keys, lists are joined. */
export function provenanceRows(p: Record<string, unknown>, prefix = ''): [string, string][] {
  return Object.entries(p).flatMap(([k, v]): [string, string][] => {
    const key = prefix ? `${prefix}.${k}` : k;
    if (v && typeof v === 'object' && !Array.isArray(v)) return provenanceRows(v as Record<string, unknown>, key);
    if (Array.isArray(v)) return [[key, v.map((x) => (typeof x === 'object' ? JSON.stringify(x) : String(x))).join(', ')]];
    return [[key, String(v)]];
  });
}

/** One stage's seed ensemble in figs. 9–10: its mean as a dashed line in a band of ± 2 sd. */
function ensembleSeries(e: NonNullable<ReportExample['ensemble']>, t: number[]): Series {
  const band = twoSdBand(e.members);
  return {
    label: `${e.stage}, ${e.members.length} seeds: mean ± 2 sd`,
    x: t,
    y: band.mean,
    band: { lo: band.lo, hi: band.hi },
    color: '#555',
    dashed: true,
    axis: 'right',
  };
}

/** The figures as standalone SVG, by file stem. */
export function reportFigures(d: ReportData): Record<string, string> {
  const offset = new Map<string, number>();
  for (const s of d.stages)
    offset.set(s.name, s.initFrom ? offset.get(s.initFrom)! + (d.stages.find((x) => x.name === s.initFrom)?.trainLoss.length ?? 0) : 0);
  const fig7 = chartSvg({
    title: 'Fig. 7: mean training loss per epoch, staged',
    x: { label: 'epoch (stages continue from the stage they start from)' },
    y: { label: 'mean training loss', log: true },
    series: d.stages.map((s, k) => ({
      label: s.name,
      x: s.trainLoss.map((_, i) => offset.get(s.name)! + i + 1),
      y: s.trainLoss,
      color: palette[k],
      // A stage of one or a few epochs is a point or two, which a line alone does not show.
      points: s.trainLoss.length < 20,
    })),
  });
  // The bins of `evaluate` and the editor: 2 % wide from 0 to 40 %, the last one open.
  const edges = defaultHistogramEdges;
  const shown = [d.stages[0], d.stages[d.stages.length - 1]];
  const fig8 = chartSvg({
    title: 'Fig. 8: distribution of the per-sequence test error',
    x: { label: `eq. (15) error, % (last bin: ${edges[edges.length - 2]} % and above)` },
    y: { label: '% of test cases' },
    bars: true,
    series: shown.map((s, k) => {
      const h = histogram(s.errors, edges);
      const n = h.counts.reduce((a, b) => a + b, 0);
      return { label: s.name, x: [...edges], y: h.counts.map((c) => (100 * c) / n), color: palette[k === 0 ? 0 : 3] };
    }),
  });
  const out: Record<string, string> = { fig7, fig8 };
  for (const e of d.examples) {
    const ms = (s: number) => s * 1000;
    const bounds = [0, ...e.jumpTimes, e.duration];
    const vx = e.velocities.flatMap((_, i) => [ms(bounds[i]), ms(bounds[i + 1])]);
    const vy = e.velocities.flatMap((v) => [v, v]);
    const t = e.t.map(ms);
    const name = e.figure === 'fig9' ? 'Fig. 9' : 'Fig. 10';
    const series: Series[] = [
      { label: 'V (left axis)', x: vx, y: vy, color: '#999', dashed: true },
      { label: 'target Δμ/Δμch', x: t, y: e.target, color: '#000', axis: 'right' },
      ...d.stages.map((s, k) => ({ label: s.name, x: t, y: e.predictions[s.name], color: palette[k], axis: 'right' as const })),
      ...(e.ensemble ? [ensembleSeries(e.ensemble, t)] : []),
    ];
    const main = chartSvg({
      title: `${name}: test sequence #${e.index} (${e.holdSamples}-sample hold)`,
      x: { label: 'time, ms' },
      y: { label: 'slip velocity V, m/s', log: true },
      y2: { label: '(μ − μ(0)) / Δμch' },
      series,
    });
    // The inset: the first samples, where the paper's fig. 9 shows what enforcing the initial
    // condition does.
    const n = insetSamples(t.length);
    const inset = chartSvg({
      title: `first ${n} samples`,
      x: { label: 'time, ms' },
      y: { label: '(μ − μ(0)) / Δμch' },
      series: series.slice(1).map((s) => ({
        ...s,
        axis: 'left' as const,
        x: t.slice(0, n),
        y: Array.from(s.y).slice(0, n),
        points: true,
        ...(s.band ? { band: { lo: Array.from(s.band.lo).slice(0, n), hi: Array.from(s.band.hi).slice(0, n) } } : {}),
      })),
      width: 300,
      height: 360,
    });
    const residual = chartSvg({
      title: 'residual: prediction − target',
      x: { label: 'time, ms' },
      y: { label: 'Δ(μ − μ(0)) / Δμch' },
      series: d.stages.map((s, k) => ({
        label: s.name,
        x: t,
        y: Array.from(e.predictions[s.name], (p, i) => p - e.target[i]),
        color: palette[k],
      })),
      height: 200,
    });
    out[e.figure] = panelsSvg([
      { svg: main, x: 0, y: 0 },
      { svg: inset, x: 640, y: 0 },
      { svg: residual, x: 0, y: heightOf(main) },
    ]);
  }
  return out;
}

/** One self-contained page: inline SVG, inline CSS, no script, nothing fetched. */
export function reportHtml(d: ReportData, figures = reportFigures(d)): string {
  const fig = (id: string, caption: string) => `<figure id="${id}">${figures[id] ?? ''}<figcaption>${esc(caption)}</figcaption></figure>`;
  const warning = scaleWarning(d);
  const caption = (e: ReportExample) =>
    `${e.figure === 'fig9' ? 'Fig. 9' : 'Fig. 10'}: test sequence #${e.index} (${e.holdSamples}-sample hold). ${e.caption} ` +
    `${e.ensemble ? `Grey band: the ${e.ensemble.stage} nets of all ${e.ensemble.members.length} seeds on this sequence, mean ± 2 sd. ` : ''}` +
    `Right: the first ${insetSamples(e.t.length)} samples, where the initial condition acts. Below: each stage's prediction minus the target.`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Slidegraph: reproduction of Slide, Hold, Learn</title>
<style>${pageStyle}#provenance td,#provenance th{text-align:left}.warning{background:#fff4e5;border:1px solid #f0a020;padding:.6em 1em}</style>
</head><body>
<h1>Reproduction of “Neural Networks and Friction: Slide, Hold, Learn”</h1>
${warning ? `<p class="warning" role="note">${esc(warning)}</p>` : ''}
${htmlTable(
  'table-1',
  'Table I: final training loss of each stage (its own objective)',
  ['stage', 'ours', 'paper'],
  d.stages.map((s) => [s.name, s.finalLoss, s.paper.finalLoss]),
)}
${htmlTable(
  'table-2',
  'Table II: mean eq. (15) test error, %',
  ['stage', 'ours', 'paper', ...(d.floor ? [`above the ${d.floor.kind.predictor} floor`] : [])],
  d.stages.map((s) => [s.name, s.testErrorPercent, s.paper.testErrorPercent, ...(d.floor ? [s.testErrorPercent - d.floor.mean] : [])]),
)}
${floorAndControlHtml(d)}
${fig('fig7', 'Mean training loss per epoch. ME starts from scratch, ME+ICs from ME, the last two from ME+ICs.')}
${fig('fig8', `Percentage of test cases per 2 % error bin, for ${d.stages[0]?.name} and ${d.stages[d.stages.length - 1]?.name}.`)}
${d.examples.map((e) => fig(e.figure, caption(e))).join('\n')}
<h2>Provenance</h2>
<table id="provenance"><tr><th>what</th><th>value</th></tr>${provenanceRows(d.provenance)
    .map(([k, v]) => `<tr><th>${esc(k)}</th><td>${esc(v)}</td></tr>`)
    .join('')}</table>
</body></html>
`;
}
