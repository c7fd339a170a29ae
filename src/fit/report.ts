import { htmlTable, pageStyle } from '../paper/html';
import { chartSvg, esc, palette } from '../plots/svg';
import type { FitDetail } from './fit';

/**
 * A self-contained page (no script, nothing fetched): the record with the fitted model, the
 * residual, the parameters with their standard errors, and every start's final cost.
 */
export function fitReportHtml(full: FitDetail, source: string): string {
  const r = full.result;
  // A figure needs no more points than a screen has pixels: every m-th row, at most 3000.
  const m = Math.max(1, Math.ceil(full.t.length / 3000));
  const every = (xs: Float64Array) => xs.filter((_, i) => i % m === 0);
  const d = { ...full, t: every(full.t), mu: every(full.mu), model: every(full.model) };
  const resid = d.mu.map((x, i) => x - d.model[i]);
  const marks = r.steps.map((s) => ({ x: s.time, label: `${(s.velocity * 1e6).toPrecision(3)} µm/s` }));
  const record = chartSvg({
    title: 'Friction: record and fit',
    x: { label: 'time since the first row (s)' },
    y: { label: 'μ' },
    series: [
      { label: 'record', x: d.t, y: d.mu, color: palette[0] },
      { label: `fit (${r.law}, ${r.states} state${r.states === 2 ? 's' : ''})`, x: d.t, y: d.model, color: palette[1] },
    ],
    marks,
  });
  const residual = chartSvg({
    title: `Residual (rms ${r.rms.toPrecision(3)}, noise ${r.noise.toPrecision(3)})`,
    x: { label: 'time since the first row (s)' },
    y: { label: 'μ − fit' },
    series: [{ label: 'residual', x: d.t, y: resid, color: palette[2] }],
    marks,
  });
  const units: Record<string, string> = { a: '', b: '', dc: 'm', b2: '', dc2: 'm', k: '1/m', mu0: '', trend: '1/m' };
  const rows = Object.entries(r.params).map(([k, v]) => [k, v, r.stderr[k] ?? 0, units[k] ?? '']);
  return `<!doctype html><html><head><meta charset="utf-8"><title>slidegraph fit: ${esc(source)}</title><style>${pageStyle}</style></head><body>
<h1>Rate-and-state fit</h1>
<p>Record <code>${esc(source)}</code>: ${r.samples} samples, ${r.steps.length} step${r.steps.length === 1 ? '' : 's'}. Residual rms ${r.rms.toPrecision(3)} against a noise level of ${r.noise.toPrecision(3)} (the residual sd of μ before the first step).</p>
${htmlTable('params', 'Parameters (SI; a standard error of 0 marks a fixed value)', ['parameter', 'value', 'standard error', 'unit'], rows)}
${htmlTable('correlation', 'Correlations of the estimates', ['a, b', 'a, Dc', 'b, Dc'], [[r.correlation.a_b, r.correlation.a_dc, r.correlation.b_dc]])}
<figure>${record}</figure>
<figure>${residual}</figure>
${htmlTable(
  'starts',
  'Every start, best first: final cost Σr² on the thinned record',
  ['start', 'cost', 'converged'],
  d.starts.map((s, i) => [String(i + 1), s.cost, s.converged ? 'yes' : 'no']),
)}
</body></html>
`;
}
