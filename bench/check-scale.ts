import { compileGraph } from '../src/compile/compile';
import { loadGraph } from '../src/graph';
import { MAX_EXPANDED_BLOCKS } from '../src/graph/limits';

/**
 * What `check` does to one graph file (read the text, scan, parse, walk, validate, compile) on
 * flat graphs of n blocks, against the file's size: the time per MB should stay flat as n grows,
 * and a file past the block limit should be refused in about the time its text takes to parse.
 * `npx tsx bench/check-scale.ts`. Never run by npm test; timings are not asserted anywhere.
 */
function flatGraph(n: number): string {
  const nodes = [{ id: 'in', type: 'Input', params: { name: 'Features', kind: 'sequence' }, position: { x: 0, y: 0 } }];
  for (let i = 0; i < n; i++) nodes.push({ id: `s${i}`, type: 'Scale', params: { factor: 1 } as never, position: { x: i, y: 0 } });
  const connections = Array.from({ length: n }, (_, i) => ({ from: { node: 'in', socket: 'out' }, to: { node: `s${i}`, socket: 'x' } }));
  return JSON.stringify({ format: 'slidegraph/graph', version: 1, name: 'flat', nodes, connections });
}

console.log('blocks      MB    load ms  compile ms  ms/MB  result');
for (const n of [10_000, 30_000, 100_000, MAX_EXPANDED_BLOCKS - 1, MAX_EXPANDED_BLOCKS, 1_000_000, 2_900_000]) {
  const text = flatGraph(n);
  const mb = text.length / 2 ** 20;
  const t0 = performance.now();
  const loaded = loadGraph(text, 'flat.json');
  const t1 = performance.now();
  const compiled = loaded.ok ? compileGraph(loaded.doc) : undefined;
  const t2 = performance.now();
  const result = !loaded.ok ? loaded.errors[0].message : compiled?.ok ? 'compiles' : compiled?.errors[0].message;
  const row = [n, mb.toFixed(1), (t1 - t0).toFixed(0), (t2 - t1).toFixed(0), ((t2 - t0) / mb).toFixed(0)];
  console.log(`${row.map((x, i) => String(x).padStart(i ? 10 : 8)).join('')}  ${result}`);
}
