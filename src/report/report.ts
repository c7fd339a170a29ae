import { chartSvg, esc, palette, type Series } from '../plots/svg';
import { histogram } from '../train/testError';

export interface ReportStage {
  name: string;
  graphFile: string;
  initFrom?: string;
  paper: { finalLoss: number; testErrorPercent: number };
  finalLoss: number;
  testErrorPercent: number;
  /** mean training objective per epoch */
  trainLoss: number[];
  /** eq. (15) per test sequence after the last epoch */
  errors: ArrayLike<number>;
}

export interface ReportExample {
  figure: 'fig9' | 'fig10';
  caption: string;
  index: number;
  holdSamples: number;
  /** the protocol, for the velocity steps: jump times (s) and velocities (m/s) */
  duration: number;
  jumpTimes: number[];
  velocities: number[];
  t: number[];
  target: ArrayLike<number>;
  predictions: Record<string, ArrayLike<number>>;
}

export interface ReportData {
  stages: ReportStage[];
  examples: ReportExample[];
  provenance: Record<string, unknown>;
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
    })),
  });
  const edges = Array.from({ length: 21 }, (_, i) => i);
  const shown = [d.stages[0], d.stages[d.stages.length - 1]];
  const fig8 = chartSvg({
    title: 'Fig. 8: distribution of the per-sequence test error',
    x: { label: 'eq. (15) error, % (last bin: 19 % and above)' },
    y: { label: '% of test cases' },
    bars: true,
    series: shown.map((s, k) => {
      const h = histogram(s.errors, edges);
      const n = h.counts.reduce((a, b) => a + b, 0);
      return { label: s.name, x: edges, y: h.counts.map((c) => (100 * c) / n), color: palette[k === 0 ? 0 : 3] };
    }),
  });
  const out: Record<string, string> = { fig7, fig8 };
  for (const e of d.examples) {
    const ms = (s: number) => s * 1000;
    const bounds = [0, ...e.jumpTimes, e.duration];
    const vx = e.velocities.flatMap((_, i) => [ms(bounds[i]), ms(bounds[i + 1])]);
    const vy = e.velocities.flatMap((v) => [v, v]);
    const series: Series[] = [
      { label: 'V (left axis)', x: vx, y: vy, color: '#999', dashed: true },
      { label: 'target Δμ/Δμch', x: e.t.map(ms), y: e.target, color: '#000', axis: 'right' },
      ...d.stages.map((s, k) => ({ label: s.name, x: e.t.map(ms), y: e.predictions[s.name], color: palette[k], axis: 'right' as const })),
    ];
    out[e.figure] = chartSvg({
      title: `${e.figure === 'fig9' ? 'Fig. 9' : 'Fig. 10'}: test sequence #${e.index} (${e.holdSamples}-sample hold)`,
      x: { label: 'time, ms' },
      y: { label: 'slip velocity V, m/s', log: true },
      y2: { label: '(μ − μ(0)) / Δμch' },
      series,
    });
  }
  return out;
}

/** One self-contained page: inline SVG, inline CSS, no script, nothing fetched. */
export function reportHtml(d: ReportData, figures = reportFigures(d)): string {
  const row = (cells: (string | number)[]) =>
    `<tr>${cells.map((c) => `<td>${typeof c === 'number' ? c.toPrecision(4) : esc(c)}</td>`).join('')}</tr>`;
  const table = (id: string, caption: string, head: string[], rows: (string | number)[][]) =>
    `<table id="${id}"><caption>${esc(caption)}</caption><tr>${head.map((h) => `<th>${esc(h)}</th>`).join('')}</tr>${rows.map(row).join('')}</table>`;
  const fig = (id: string, caption: string) => `<figure id="${id}">${figures[id] ?? ''}<figcaption>${esc(caption)}</figcaption></figure>`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Slidegraph: reproduction of Slide, Hold, Learn</title>
<style>body{font-family:sans-serif;max-width:900px;margin:2em auto;padding:0 1em}table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:4px 10px;text-align:right}caption{font-weight:bold;text-align:left}figure{margin:1.5em 0}pre{background:#f6f6f6;padding:1em;overflow:auto}</style>
</head><body>
<h1>Reproduction of “Neural Networks and Friction: Slide, Hold, Learn”</h1>
${table(
  'table-1',
  'Table I: final training loss of each stage (its own objective)',
  ['stage', 'ours', 'paper'],
  d.stages.map((s) => [s.name, s.finalLoss, s.paper.finalLoss]),
)}
${table(
  'table-2',
  'Table II: mean eq. (15) test error, %',
  ['stage', 'ours', 'paper'],
  d.stages.map((s) => [s.name, s.testErrorPercent, s.paper.testErrorPercent]),
)}
${fig('fig7', 'Mean training loss per epoch. ME starts from scratch, ME+ICs from ME, the last two from ME+ICs.')}
${fig('fig8', `Percentage of test cases per 1 % error bin, for ${d.stages[0]?.name} and ${d.stages[d.stages.length - 1]?.name}.`)}
${d.examples.map((e) => fig(e.figure, e.caption)).join('\n')}
<h2>Provenance</h2>
<pre>${esc(JSON.stringify(d.provenance, null, 2))}</pre>
</body></html>
`;
}
