// How long `fit` takes on the real 16,466-row record (data/lab/): reading it, and the
// rate-and-state inversion (6 starts on a thinned record, then the best polished on every row).
// Run: npm run --silent bench:fit   (reported, never asserted)
import { fitExperiment } from '../src/fit/fit';
import { readRecord } from '../src/runs/labRecord';

const file = process.argv[2] ?? 'data/lab/velstep3_TR2_exp013_sepiolite.txt';
const runs = Number(process.argv[3] ?? 3);
const read: number[] = [];
const fit: number[] = [];
let last: ReturnType<typeof fitExperiment> | undefined;
for (let r = 0; r < runs; r++) {
  const t0 = performance.now();
  const [e] = readRecord(file, {});
  const t1 = performance.now();
  last = fitExperiment(e, { law: 'aging', states: 1, k: 'free', trend: 'linear' });
  read.push(t1 - t0);
  fit.push(performance.now() - t1);
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
console.log(`${file}: ${last?.result.samples} rows, rms ${last?.result.rms.toPrecision(3)} (noise ${last?.result.noise.toPrecision(3)})`);
console.log(`read:  median ${median(read).toFixed(0)} ms over ${runs} runs`);
console.log(`fit:   median ${(median(fit) / 1000).toFixed(1)} s over ${runs} runs`);
console.log(JSON.stringify({ rows: last?.result.samples, readMs: Math.round(median(read)), fitMs: Math.round(median(fit)) }));
