// One fig. 6 training epoch (bench/browser/epochSettings.ts) in Node and in the editor's Web Worker
// in Chromium, both on the wasm backend and the same runtime (src/train), measured back to back.
// Run: npm run --silent bench:epoch   (reported, never asserted; the browser is /usr/bin/chromium)
// The last line is one JSON object: {"nodeSeconds", "browserSeconds", "browserOverNode"} (best epoch each).
import { spawnSync } from 'node:child_process';
import { cpus } from 'node:os';
import { lastValueFrom, toArray } from 'rxjs';
import { dataConfig, generateDataset } from '../src/physics/dataset';
import { useBackend } from '../src/runs/backend';
import { compileGraphFile } from '../src/runs/graphFiles';
import { datasetSplit } from '../src/train/data';
import { train } from '../src/train/train';
import { EPOCH_BENCH } from './browser/epochSettings';

await useBackend('wasm');
const { plan } = compileGraphFile(`graphs/${EPOCH_BENCH.top}`);
const data = datasetSplit(generateDataset(dataConfig(EPOCH_BENCH.data)));
const events = await lastValueFrom(train(plan, data, { ...EPOCH_BENCH.training }).pipe(toArray()));
const nodeSeconds = events.flatMap((e) => (e.type === 'epoch' ? [e.seconds] : []));

const r = spawnSync('npx', ['wtr', '--config', 'bench/browser/wtr.config.mjs'], { encoding: 'utf8' });
const line = `${r.stdout}\n${r.stderr}`.split('\n').find((l) => l.includes('EPOCH_BENCH '));
if (!line) {
  console.log(`the browser run gave no timing (exit ${r.status}):\n${(r.stdout + r.stderr).trim().split('\n').slice(-15).join('\n')}`);
  process.exit(1);
}
const browser = JSON.parse(line.slice(line.indexOf('EPOCH_BENCH ') + 12)) as { seconds: number[]; status: string[] };
const best = (xs: number[]) => Math.min(...xs);
console.log(`${cpus().length} cpus (${cpus()[0]?.model ?? '?'}), fig. 6, ${EPOCH_BENCH.data.count} sequences, batch 32, wasm backend`);
console.log(`  node    epochs (s): ${nodeSeconds.map((s) => s.toFixed(2)).join(', ')}`);
console.log(`  browser epochs (s): ${browser.seconds.map((s) => s.toFixed(2)).join(', ')}   worker status: ${browser.status.join(' | ')}`);
const result = {
  nodeSeconds: Number(best(nodeSeconds).toFixed(3)),
  browserSeconds: Number(best(browser.seconds).toFixed(3)),
  browserOverNode: Number((best(browser.seconds) / best(nodeSeconds)).toFixed(2)),
};
console.log(JSON.stringify(result));
