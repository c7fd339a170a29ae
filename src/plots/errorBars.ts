import { maxOf, minOf } from '../util/extent';
import { esc, palette } from './svg';

/**
 * A sweep's comparison: the mean of each group against one parameter, with ±1 sample sd bars.
 * Numeric values sit on a linear axis; any other values (a rule, a schedule) sit side by side in
 * the order given. A pure function of plain data, as chartSvg.
 */
export interface ErrorBarGroup {
  label: string;
  points: { x: unknown; mean: number; sd: number | null }[];
}

const label = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v));
const fmt = (v: number) => String(+v.toPrecision(3));

export function errorBarSvg(spec: {
  title: string;
  x: string;
  y: string;
  groups: ErrorBarGroup[];
  width?: number;
  height?: number;
}): string {
  const W = spec.width ?? 520;
  const H = spec.height ?? 320;
  const m = { left: 64, right: 16, top: 32, bottom: 48 };
  const xs = [...new Map(spec.groups.flatMap((g) => g.points.map((p) => [label(p.x), p.x]))).values()];
  const numeric = xs.every((x) => typeof x === 'number');
  const xNums = numeric ? (xs as number[]) : xs.map((_, i) => i);
  const at = (x: unknown) => (numeric ? (x as number) : xs.findIndex((v) => label(v) === label(x)));
  const [x0, x1] = xNums.length > 1 ? [minOf(xNums), maxOf(xNums)] : [xNums[0] - 1, xNums[0] + 1];
  const pad = (x1 - x0) * 0.08;
  const sx = (v: number) => m.left + ((v - (x0 - pad)) / (x1 - x0 + 2 * pad)) * (W - m.left - m.right);
  const ys = spec.groups.flatMap((g) => g.points.flatMap((p) => [p.mean - (p.sd ?? 0), p.mean + (p.sd ?? 0)]));
  let [y0, y1] = [minOf(ys), maxOf(ys)];
  if (y1 - y0 < 1e-12) [y0, y1] = [y0 - 1, y1 + 1];
  const ypad = (y1 - y0) * 0.08;
  [y0, y1] = [y0 - ypad, y1 + ypad];
  const sy = (v: number) => H - m.bottom - ((v - y0) / (y1 - y0)) * (H - m.top - m.bottom);
  // The legend goes below the plot, one group a line, where it can never cover a point.
  const labelled = spec.groups.filter((g) => g.label).length;
  const total = H + (labelled ? 6 + 16 * labelled : 0);
  const out = [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${total}" width="${W}" height="${total}" font-family="sans-serif" font-size="11">`,
    `<rect width="${W}" height="${total}" fill="white"/>`,
    `<text x="${W / 2}" y="18" text-anchor="middle" font-size="13" font-weight="bold">${esc(spec.title)}</text>`,
    `<rect x="${m.left}" y="${m.top}" width="${W - m.left - m.right}" height="${H - m.top - m.bottom}" fill="none" stroke="#333"/>`,
    `<text x="${(m.left + W - m.right) / 2}" y="${H - 10}" text-anchor="middle">${esc(spec.x)}</text>`,
    `<text transform="translate(14 ${(m.top + H - m.bottom) / 2}) rotate(-90)" text-anchor="middle">${esc(spec.y)}</text>`,
  ];
  xs.forEach((x) => {
    out.push(
      `<text x="${sx(at(x)).toFixed(1)}" y="${H - m.bottom + 16}" text-anchor="middle">${esc(numeric ? fmt(x as number) : label(x))}</text>`,
    );
  });
  for (let k = 0; k <= 4; k++) {
    const v = y0 + ((y1 - y0) * k) / 4;
    out.push(`<text x="${m.left - 6}" y="${(sy(v) + 4).toFixed(1)}" text-anchor="end">${fmt(v)}</text>`);
  }
  let row = 0;
  spec.groups.forEach((g, k) => {
    const color = palette[k % palette.length];
    const pts = g.points.map((p) => ({ x: sx(at(p.x)), y: sy(p.mean), lo: sy(p.mean - (p.sd ?? 0)), hi: sy(p.mean + (p.sd ?? 0)) }));
    pts.sort((a, b) => a.x - b.x);
    out.push(
      `<polyline fill="none" stroke="${color}" stroke-width="1.5" points="${pts.map((p) => `${p.x.toFixed(1)},${p.y.toFixed(1)}`).join(' ')}"/>`,
    );
    for (const p of pts) {
      out.push(
        `<line class="error-bar" x1="${p.x.toFixed(1)}" x2="${p.x.toFixed(1)}" y1="${p.lo.toFixed(1)}" y2="${p.hi.toFixed(1)}" stroke="${color}"/>`,
        `<circle cx="${p.x.toFixed(1)}" cy="${p.y.toFixed(1)}" r="3" fill="${color}"/>`,
      );
    }
    if (g.label) {
      const ly = H + 14 + 16 * row++;
      out.push(
        `<rect x="${m.left + 10}" y="${ly - 8}" width="14" height="4" fill="${color}"/><text x="${m.left + 28}" y="${ly - 3}">${esc(g.label)}</text>`,
      );
    }
  });
  out.push('</svg>');
  return out.join('\n');
}
