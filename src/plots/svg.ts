import { extent } from '../util/extent';
/**
 * Charts as standalone SVG strings: pure functions of plain data, so the report, the CLI and the
 * editor's "export figure" draw the paper's figures the same way, with no DOM and no network.
 */

export interface Series {
  label: string;
  x: ArrayLike<number>;
  y: ArrayLike<number>;
  color: string;
  dashed?: boolean;
  /** 'right' draws against the second y axis */
  axis?: 'left' | 'right';
  /** a dot at every point (a run of a few epochs is a few points, which a line alone hides) */
  points?: boolean;
  /** a shaded band from lo to hi under the line (an ensemble's mean ± 2 sd), same x as the line */
  band?: { lo: ArrayLike<number>; hi: ArrayLike<number> };
}

/** A vertical line at `x` with its label: a hot swap, a stage boundary. */
interface Mark {
  x: number;
  label: string;
  color?: string;
}

interface Axis {
  label: string;
  log?: boolean;
}

export interface ChartSpec {
  title: string;
  x: Axis;
  y: Axis;
  y2?: Axis;
  series: Series[];
  /** bars instead of lines: series[i].x are the bin edges (length y.length + 1) */
  bars?: boolean;
  marks?: Mark[];
  width?: number;
  height?: number;
}

export const palette = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd', '#ff7f0e', '#8c564b'];

/** Text for SVG or HTML content and attribute values. */
export const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const fmt = (v: number) => (v === 0 ? '0' : Math.abs(v) >= 1e4 || Math.abs(v) < 1e-2 ? v.toExponential(0) : String(+v.toPrecision(3)));

interface Scale {
  map(v: number): number;
  ticks: number[];
}

function scale(values: number[], log: boolean, from: number, to: number): Scale {
  const ok = values.filter((v) => Number.isFinite(v) && (!log || v > 0));
  let { lo, hi } = ok.length ? extent(ok) : { lo: 0, hi: 1 };
  if (log) {
    lo = Math.floor(Math.log10(lo || 1e-12));
    hi = Math.ceil(Math.log10(hi || 1));
    if (hi === lo) hi = lo + 1;
    const span = hi - lo;
    const step = Math.max(1, Math.ceil(span / 8));
    const ticks = Array.from({ length: Math.floor(span / step) + 1 }, (_, i) => 10 ** (lo + i * step));
    return { map: (v) => from + ((Math.log10(Math.max(v, 10 ** lo)) - lo) / span) * (to - from), ticks };
  }
  if (hi === lo) [lo, hi] = [lo - 1, hi + 1];
  const raw = (hi - lo) / 6;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * mag).find((s) => s >= raw)!;
  lo = Math.floor(lo / step) * step;
  hi = Math.ceil(hi / step) * step;
  const ticks = Array.from({ length: Math.round((hi - lo) / step) + 1 }, (_, i) => lo + i * step);
  return { map: (v) => from + ((v - lo) / (hi - lo)) * (to - from), ticks };
}

/**
 * The legend's rows, below the plot and its axis label so it never covers data: items run left to
 * right and wrap at the plot's width.
 */
function legendRows(series: readonly Series[], from: number, to: number): { s: Series; x: number; row: number }[] {
  const out: { s: Series; x: number; row: number }[] = [];
  let x = from;
  let row = 0;
  for (const s of series) {
    const w = 28 + 6.2 * s.label.length + 14;
    if (x + w > to && x > from) [x, row] = [from, row + 1];
    out.push({ s, x, row });
    x += w;
  }
  return out;
}

export function chartSvg(spec: ChartSpec): string {
  const W = spec.width ?? 640;
  // `height` is the plot with its axes; the legend's rows are added below it.
  const H = spec.height ?? 360;
  const m = { left: 64, right: spec.y2 ? 64 : 16, top: 32, bottom: 48 };
  const legend = legendRows(spec.series, m.left, W - m.right);
  const rows = legend.length ? legend[legend.length - 1].row + 1 : 0;
  const total = H + (rows ? rows * 16 + 6 : 0);
  const side = (s: Series) => (s.axis === 'right' ? 'right' : 'left');
  const xs = [...spec.series.flatMap((s) => Array.from(s.x)), ...(spec.marks ?? []).map((k) => k.x)];
  const ysOf = (a: 'left' | 'right') =>
    spec.series
      .filter((s) => side(s) === a)
      .flatMap((s) => [...Array.from(s.y), ...(s.band ? [...Array.from(s.band.lo), ...Array.from(s.band.hi)] : [])]);
  const sx = scale(xs, !!spec.x.log, m.left, W - m.right);
  const sy = scale(spec.bars ? [0, ...ysOf('left')] : ysOf('left'), !!spec.y.log, H - m.bottom, m.top);
  const sy2 = spec.y2 ? scale(ysOf('right'), !!spec.y2.log, H - m.bottom, m.top) : undefined;
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${total}" width="${W}" height="${total}" font-family="sans-serif" font-size="11">`,
    `<rect width="${W}" height="${total}" fill="white"/>`,
    `<text x="${W / 2}" y="18" text-anchor="middle" font-size="13" font-weight="bold">${esc(spec.title)}</text>`,
  ];
  for (const t of sx.ticks)
    out.push(
      `<line x1="${sx.map(t)}" x2="${sx.map(t)}" y1="${H - m.bottom}" y2="${H - m.bottom + 4}" stroke="#333"/><text x="${sx.map(t)}" y="${H - m.bottom + 16}" text-anchor="middle">${fmt(t)}</text>`,
    );
  for (const t of sy.ticks)
    out.push(
      `<line x1="${m.left}" x2="${W - m.right}" y1="${sy.map(t)}" y2="${sy.map(t)}" stroke="#eee"/><text x="${m.left - 6}" y="${sy.map(t) + 4}" text-anchor="end">${fmt(t)}</text>`,
    );
  if (sy2) for (const t of sy2.ticks) out.push(`<text x="${W - m.right + 6}" y="${sy2.map(t) + 4}">${fmt(t)}</text>`);
  out.push(`<rect x="${m.left}" y="${m.top}" width="${W - m.left - m.right}" height="${H - m.top - m.bottom}" fill="none" stroke="#333"/>`);
  out.push(`<text x="${(m.left + W - m.right) / 2}" y="${H - 10}" text-anchor="middle">${esc(spec.x.label)}</text>`);
  out.push(`<text transform="translate(14 ${(m.top + H - m.bottom) / 2}) rotate(-90)" text-anchor="middle">${esc(spec.y.label)}</text>`);
  if (spec.y2)
    out.push(
      `<text transform="translate(${W - 8} ${(m.top + H - m.bottom) / 2}) rotate(90)" text-anchor="middle">${esc(spec.y2.label)}</text>`,
    );
  spec.series.forEach((s, k) => {
    const fy = side(s) === 'right' && sy2 ? sy2 : sy;
    if (spec.bars) {
      const n = spec.series.length;
      for (let i = 0; i < s.y.length; i++) {
        const x0 = sx.map(s.x[i]);
        const w = (sx.map(s.x[i + 1]) - x0) / n;
        out.push(
          `<rect x="${(x0 + k * w).toFixed(1)}" y="${fy.map(s.y[i]).toFixed(1)}" width="${Math.max(w - 1, 0.5).toFixed(1)}" height="${(fy.map(0) - fy.map(s.y[i])).toFixed(1)}" fill="${s.color}"/>`,
        );
      }
    } else {
      const logAxis = side(s) === 'right' ? spec.y2?.log : spec.y.log;
      // A log axis cannot show 0 or less: such points are left out, not pinned to the floor.
      const shown = (v: number) => Number.isFinite(v) && (!logAxis || v > 0);
      const at = (i: number, v: number) => `${sx.map(s.x[i]).toFixed(1)},${fy.map(v).toFixed(1)}`;
      if (s.band) {
        const { lo, hi } = s.band;
        const idx = Array.from(s.x, (_, i) => i).filter((i) => shown(lo[i]) && shown(hi[i]));
        const outline = [...idx.map((i) => at(i, hi[i])), ...idx.reverse().map((i) => at(i, lo[i]))];
        out.push(`<polygon class="band" fill="${s.color}" fill-opacity="0.2" stroke="none" points="${outline.join(' ')}"/>`);
      }
      const pts: string[] = [];
      for (let i = 0; i < s.y.length; i++) if (shown(s.y[i])) pts.push(at(i, s.y[i]));
      out.push(
        `<polyline fill="none" stroke="${s.color}" stroke-width="1.5"${s.dashed ? ' stroke-dasharray="5 3"' : ''} points="${pts.join(' ')}"/>`,
      );
      if (s.points)
        for (const p of pts) {
          const [cx, cy] = p.split(',');
          out.push(`<circle class="point" cx="${cx}" cy="${cy}" r="3" fill="${s.color}"/>`);
        }
    }
  });
  (spec.marks ?? []).forEach((mk, i) => {
    const x = sx.map(mk.x).toFixed(1);
    const color = mk.color ?? '#f5a623';
    const right = sx.map(mk.x) > m.left + 0.7 * (W - m.left - m.right);
    out.push(
      `<g class="mark"><line x1="${x}" x2="${x}" y1="${m.top}" y2="${H - m.bottom}" stroke="${color}" stroke-width="1.5" stroke-dasharray="4 3"/>` +
        `<text x="${(sx.map(mk.x) + (right ? -4 : 4)).toFixed(1)}" y="${m.top + 12 + 12 * (i % 3)}"${right ? ' text-anchor="end"' : ''} fill="#8a5300" font-size="10">${esc(mk.label)}</text></g>`,
    );
  });
  for (const { s, x, row } of legend) {
    const ly = H + 12 + row * 16;
    out.push(
      `<rect x="${x.toFixed(1)}" y="${ly - 6}" width="14" height="4" fill="${s.color}"/><text x="${(x + 18).toFixed(1)}" y="${ly}">${esc(s.label)}</text>`,
    );
  }
  out.push('</svg>');
  return out.join('\n');
}
