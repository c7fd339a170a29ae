/**
 * Several standalone SVG charts placed in one SVG figure (a main plot, its inset, its residual
 * panel), each keeping its own axes. Nested <svg> elements take x and y; nothing is redrawn.
 */
export interface Placed {
  svg: string;
  x: number;
  y: number;
}

const sizeOf = (svg: string) => {
  const m = svg.match(/^<svg [^>]*width="([\d.]+)" height="([\d.]+)"/);
  if (!m) throw new Error('not a chartSvg figure');
  return { w: Number(m[1]), h: Number(m[2]) };
};

export function panelsSvg(parts: readonly Placed[]): string {
  let W = 0;
  let H = 0;
  for (const p of parts) {
    const { w, h } = sizeOf(p.svg);
    W = Math.max(W, p.x + w);
    H = Math.max(H, p.y + h);
  }
  const inner = parts.map((p) => p.svg.replace(/^<svg /, `<svg x="${p.x}" y="${p.y}" `));
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" font-family="sans-serif" font-size="11">`,
    `<rect width="${W}" height="${H}" fill="white"/>`,
    ...inner,
    '</svg>',
  ].join('\n');
}

/** The panel below `above`: its height, so panels stack without a gap or an overlap. */
export const heightOf = (svg: string) => sizeOf(svg).h;
