/** Reduced row echelon form of [A | b]; the product of the pivots is det A on the pivot columns. */
export function rref(rows: number[][], nv: number): { rows: number[][]; pivots: number[]; det: number; consistent: boolean } {
  const m = rows.map((r) => [...r]);
  const pivots: number[] = [];
  let det = 1;
  let r = 0;
  for (let c = 0; c < nv && r < m.length; c++) {
    let best = r;
    for (let i = r + 1; i < m.length; i++) if (Math.abs(m[i][c]) > Math.abs(m[best][c])) best = i;
    const scale = Math.max(...m[best].slice(0, nv).map(Math.abs));
    if (!(Math.abs(m[best][c]) > 1e-12 * scale)) continue;
    [m[r], m[best]] = [m[best], m[r]];
    const p = m[r][c];
    det *= p;
    for (let j = 0; j <= nv; j++) m[r][j] /= p;
    for (let i = 0; i < m.length; i++) {
      if (i === r || m[i][c] === 0) continue;
      const f = m[i][c];
      for (let j = 0; j <= nv; j++) m[i][j] -= f * m[r][j];
    }
    pivots.push(c);
    r++;
  }
  // a row left 0 = b ≠ 0 has no solution; b is a time or a slip, so compare with the row's scale
  const consistent = m.slice(r).every((row) => Math.abs(row[nv]) <= 1e-9 * Math.max(1e-300, ...rows.flat().map(Math.abs)));
  return { rows: m.slice(0, r), pivots, det: Math.abs(det), consistent };
}
