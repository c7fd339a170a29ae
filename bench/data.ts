// How long the paper's dataset takes to generate: 15,000 sequences, in memory and as JSON text.
// Run: npm run --silent bench:data   (reported, never asserted)
import { dataConfig, generateDataset } from '../src/physics/dataset';
import { datasetJsonChunks } from '../src/physics/datasetFile';

const count = Number(process.argv[2] ?? 15000);
const config = dataConfig({ count, seed: 1 });
generateDataset(dataConfig({ count: 500, seed: 2 })); // warm the JIT
const gen: number[] = [];
const ser: number[] = [];
for (let r = 0; r < 5; r++) {
  const t0 = performance.now();
  const ds = generateDataset(config);
  const t1 = performance.now();
  let bytes = 0;
  for (const c of datasetJsonChunks(ds)) bytes += c.length;
  const t2 = performance.now();
  gen.push(t1 - t0);
  ser.push(t2 - t1);
  if (r === 0) console.log(`${count} sequences, ${(bytes / 1e6).toFixed(1)} MB of JSON`);
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
console.log(`generate (simulate + fields): median ${median(gen).toFixed(0)} ms over 5 runs`);
console.log(`serialize to JSON text:       median ${median(ser).toFixed(0)} ms`);
console.log(JSON.stringify({ count, generateMs: Math.round(median(gen)), serializeMs: Math.round(median(ser)) }));
