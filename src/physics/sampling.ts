/** n instants from start to stop inclusive, like numpy.linspace; the last one is exactly stop. */
export function linspace(start: number, stop: number, n: number): Float64Array {
  const t = new Float64Array(n);
  if (n === 1) {
    t[0] = start;
    return t;
  }
  for (let i = 0; i < n; i++) t[i] = start + ((stop - start) * i) / (n - 1);
  t[n - 1] = stop;
  return t;
}
