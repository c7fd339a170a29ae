import { chartSvg, esc, palette } from '../plots/svg';
import { htmlTable, pageStyle } from '../report/html';
import type { CompareWindow, Comparison, PredictorCurves } from './compare';

/** What the page says about where the numbers came from. */
export interface CompareSources {
  record: string;
  fit: string;
  run: string;
  /** which windows, and why they are held out */
  heldOut: string;
}

/** The windows a load-point step falls in (positions in the windows' order), and the scores on them. */
export interface SteppedWindows {
  positions: readonly number[];
  scores: Comparison | null;
}

/** Figures for the first few windows: a page of hundreds of charts helps no one; the table has them all. */
const FIGURE_WINDOWS = 6;

const names = { law: 'fitted law', net: 'net', constant: 'constant μ' } as const;
const colours = { law: palette[1], net: palette[2], constant: palette[4] } as const;
const keys = ['law', 'net', 'constant'] as const;

/**
 * A self-contained page (no script, nothing fetched): the scores of the fitted law, the net and
 * the constant predictor on the same windows, then for the first windows the record with the
 * three curves and their residuals.
 */
export function compareReportHtml(
  windows: readonly CompareWindow[],
  curves: PredictorCurves,
  scores: Comparison,
  src: CompareSources,
  stepped: SteppedWindows,
): string {
  // the windows with a step first: the others of a long record show little but noise
  const order = [...stepped.positions, ...Array.from(windows.keys()).filter((k) => !stepped.positions.includes(k))];
  const shown = order.slice(0, FIGURE_WINDOWS);
  const figures = shown.map((k) => {
    const w = windows[k];
    const fit = chartSvg({
      title: `Window ${w.index}: ${w.t[0].toFixed(1)}–${w.t[w.t.length - 1].toFixed(1)} s`,
      x: { label: 'time since the record’s first row (s)' },
      y: { label: 'μ' },
      series: [
        { label: 'record', x: w.t, y: w.mu, color: palette[0], points: w.t.length <= 200 },
        ...keys.map((p) => ({ label: names[p], x: w.t, y: curves[p][k], color: colours[p], dashed: p === 'constant' })),
      ],
    });
    const residual = chartSvg({
      title: `Window ${w.index}: residuals`,
      x: { label: 'time since the record’s first row (s)' },
      y: { label: 'prediction − μ' },
      series: keys.map((p) => ({
        label: names[p],
        x: w.t,
        y: curves[p][k].map((m, i) => m - w.mu[i]),
        color: colours[p],
        dashed: p === 'constant',
      })),
    });
    return `<figure>${fit}</figure>\n<figure>${residual}</figure>`;
  });
  const table = (c: Comparison) => keys.map((p) => [names[p], c[p].rms, c[p].eq15.mean, c[p].eq15.median, String(c[p].eq15.count)]);
  const summary = table(scores);
  const stepTable = stepped.scores
    ? htmlTable(
        'steps',
        `On the ${stepped.positions.length} window(s) holding a load-point step (${stepped.positions.map((k) => windows[k].index).join(', ')})`,
        ['predictor', 'rms (μ)', 'eq. (15) mean %', 'eq. (15) median %', 'windows'],
        table(stepped.scores),
      )
    : '<p>No scored window holds a load-point step.</p>';
  const perWindow = windows.map((w, k) => [
    String(w.index),
    w.t[0],
    ...keys.flatMap((p) => [scores[p].perWindow[k].rms, scores[p].perWindow[k].eq15]),
  ]);
  return `<!doctype html><html><head><meta charset="utf-8"><title>slidegraph compare: ${esc(src.record)}</title><style>${pageStyle}</style></head><body>
<h1>Fitted law, net and constant μ on the same windows</h1>
<p>Record <code>${esc(src.record)}</code>, fit <code>${esc(src.fit)}</code>, run <code>${esc(src.run)}</code>.</p>
<p>${esc(src.heldOut)}</p>
<p>Every predictor is given the window’s velocities and its starting μ; the fitted law is its own change from the window’s first sample added to that start. rms is in μ over every sample; eq. (15) is 100 ‖prediction − target‖ / ‖target‖ per window on the change from the start, so the constant predictor scores 100 % on every window that moves.</p>
${htmlTable('scores', 'Scores on the windows', ['predictor', 'rms (μ)', 'eq. (15) mean %', 'eq. (15) median %', 'windows'], summary)}
${stepTable}
${figures.join('\n')}
${windows.length > shown.length ? `<p>Figures for ${shown.length} of ${windows.length} windows, those holding a step first; the table below has every one.</p>` : ''}
${htmlTable(
  'windows',
  'Every window',
  ['window', 'start (s)', ...keys.flatMap((p) => [`${names[p]} rms`, `${names[p]} eq. (15) %`])],
  perWindow,
)}
</body></html>
`;
}
