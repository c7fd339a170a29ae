/** Median wall time of `run`, after `warmup` untimed calls; at least `min` timed calls, more while under `budgetMs`. */
export function medianMs(run: () => void, { warmup = 5, min = 10, max = 200, budgetMs = 3000 } = {}): { ms: number; n: number } {
  for (let i = 0; i < warmup; i++) run();
  const times: number[] = [];
  const start = performance.now();
  while (times.length < min || (times.length < max && performance.now() - start < budgetMs)) {
    const t0 = performance.now();
    run();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return { ms: times[times.length >> 1], n: times.length };
}
