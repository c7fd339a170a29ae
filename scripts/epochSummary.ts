// Prints, for each run folder given, the test error at the last epoch, the mean of the last 10
// epochs and the best epoch, from its metrics.json: the columns of docs/reproduction.md's tables.
//   npx tsx scripts/epochSummary.ts runs/reproduce/seed-0/ME runs/reproduce/seed-1/ME …
import { join } from 'node:path';
import { readRunMetrics } from '../src/runs/metricsFile';
import { epochSummary } from '../src/train/epochSummary';

for (const dir of process.argv.slice(2)) {
  const s = epochSummary(readRunMetrics(join(dir, 'metrics.json')).epochs.map((e) => e.testErrorPercent));
  process.stdout.write(`${JSON.stringify({ run: dir, ...s })}\n`);
}
