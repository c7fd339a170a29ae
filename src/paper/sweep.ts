import { errorBarSvg } from '../plots/errorBars';
import { chartSvg, esc, palette } from '../plots/svg';
import { byParameter, type SweepSummary, settingLabel } from '../run/summaryFile';

/** The sweep's figures: test error against each swept parameter (±1 sd), and every setting's curve. */
export function sweepFigures(s: SweepSummary): { parameters: { parameter: string; svg: string }[]; curves: string } {
  const parameters = s.parameters.map((parameter) => ({
    parameter,
    svg: errorBarSvg({
      title: `Final test error against ${parameter} (mean ± sd over seeds)`,
      x: parameter,
      y: 'mean eq. (15) test error, %',
      groups: byParameter(s, parameter),
    }),
  }));
  const curves = chartSvg({
    title: 'Test error per epoch (mean over seeds)',
    x: { label: 'epoch' },
    y: { label: 'mean eq. (15) test error, %', log: true },
    series: s.settings.map((row, k) => ({
      label: settingLabel(row.values),
      x: row.curve.epoch,
      y: row.curve.mean,
      color: palette[k % palette.length],
      dashed: k >= palette.length,
    })),
  });
  return { parameters, curves };
}

const num = (v: number | null | undefined, d = 3) => (v === null || v === undefined ? '–' : String(+v.toPrecision(d)));

/** A self-contained page: no script, nothing fetched. */
export function sweepReportHtml(s: SweepSummary): string {
  const f = sweepFigures(s);
  const columns = [...new Set(s.settings.flatMap((r) => Object.keys(r.stats)))];
  const head = [...s.parameters, 'n', ...columns].map((c) => `<th>${esc(c)}</th>`).join('');
  const rows = s.settings
    .map((r) => {
      const values = s.parameters.map(
        (p) => `<td>${esc(typeof r.values[p] === 'string' ? (r.values[p] as string) : JSON.stringify(r.values[p]))}</td>`,
      );
      const stats = columns.map((c) => `<td>${r.stats[c] ? `${num(r.stats[c].mean, 4)} ± ${num(r.stats[c].sd, 2)}` : '–'}</td>`);
      return `<tr>${[...values, `<td>${r.n}</td>`, ...stats].join('')}</tr>`;
    })
    .join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Sweep of ${esc(s.graph)}</title>
<style>body{font-family:sans-serif;margin:2em;max-width:1100px}table{border-collapse:collapse;font-size:13px}td,th{border:1px solid #ccc;padding:3px 6px;text-align:right}figure{margin:1em 0}</style>
</head><body>
<h1>Sweep of ${esc(s.graph)}</h1>
<p>${s.settings.length} settings, ${s.settings.reduce((a, r) => a + r.n, 0)} finished runs${s.missing.length ? `; not finished: ${esc(s.missing.join(', '))}` : ''}. Each cell is mean ± sample standard deviation over the seeds (n runs).</p>
<table id="settings"><tr>${head}</tr>
${rows}
</table>
${f.parameters.map((p) => `<figure id="by-${esc(p.parameter)}">${p.svg}</figure>`).join('\n')}
<figure id="curves">${f.curves}</figure>
</body></html>
`;
}
