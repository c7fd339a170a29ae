// The full reproduction timed against PyTorch, in one run: the shipped CLI's `reproduce` at the
// paper's scale (15,000 sequences, 50 epochs a stage, four stages = 75,000 training steps), and
// PyTorch's GRU + Linear + MSE step (bench/torch_peer.py, one thread) measured just before and
// just after it, times the same 75,000 steps. With --sequential it also runs `--jobs 1` and checks
// that tables I–II are identical.
// Run: npm run build:cli && npm run --silent bench:reproduce -- [--count N] [--epochs E] [--sequential] [--keep]
// Last line: {"reproduceSeconds", "steps", "torchMsPerStep", "torchSeconds", "overTorch", ...}.
// Never run by npm test.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { torchPeerMs } from './torchPeer';

const argv = process.argv.slice(2);
const option = (name: string, fallback: number): number => {
  const i = argv.indexOf(name);
  return i >= 0 ? Number(argv[i + 1]) : fallback;
};
const count = option('--count', 15000);
const epochs = option('--epochs', 50);
const batch = 32;
// Training sequences are 80 % of the dataset, in batches of 32; four stages.
const steps = 4 * epochs * Math.ceil((count * 0.8) / batch);
const log = (s: string) => process.stderr.write(`${s}\n`);

const torchMs = (): number | undefined => torchPeerMs([{ hidden: 32, batch }], 100, log).get(`32x${batch}`);

function reproduce(jobs: number): { seconds: number; out: string; tables: unknown } {
  const out = mkdtempSync(join(tmpdir(), 'slidegraph-bench-reproduce-'));
  const t0 = performance.now();
  const args = [
    'dist-cli/slidegraph.js',
    'reproduce',
    '--count',
    String(count),
    '--epochs',
    String(epochs),
    '--jobs',
    String(jobs),
    '--out',
    out,
  ];
  const r = spawnSync(process.execPath, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  const seconds = (performance.now() - t0) / 1000;
  if (r.status !== 0) throw new Error(`reproduce exited ${r.status}`);
  process.stderr.write(r.stdout);
  // The numbers of tables I–II, without the run folders' paths.
  const rows = JSON.parse(readFileSync(join(out, 'tables.json'), 'utf8')) as Array<Record<string, unknown>>;
  const tables = rows.map(({ stage, finalLoss, finalTestLoss, testErrorPercent }) => ({
    stage,
    finalLoss,
    finalTestLoss,
    testErrorPercent,
  }));
  return { seconds, out, tables };
}

log(
  `${cpus().length} cpus (${cpus()[0]?.model.trim()}), node ${process.version}; ${count} sequences, ${epochs} epochs a stage, ${steps} steps`,
);
const before = torchMs();
const parallel = reproduce(cpus().length);
const after = torchMs();
log(`reproduce --jobs ${cpus().length}: ${parallel.seconds.toFixed(1)} s`);
const result: Record<string, unknown> = { reproduceSeconds: Number(parallel.seconds.toFixed(1)), steps, jobs: cpus().length };
if (before !== undefined && after !== undefined) {
  const ms = (before + after) / 2;
  const torchSeconds = (ms * steps) / 1000;
  log(
    `PyTorch GRU + Linear + MSE step: ${before.toFixed(2)} ms before, ${after.toFixed(2)} ms after; ${steps} steps = ${torchSeconds.toFixed(0)} s`,
  );
  log(`reproduce / PyTorch: ${(parallel.seconds / torchSeconds).toFixed(3)}`);
  Object.assign(result, {
    torchMsPerStep: Number(ms.toFixed(3)),
    torchSeconds: Number(torchSeconds.toFixed(1)),
    overTorch: Number((parallel.seconds / torchSeconds).toFixed(3)),
  });
}
if (argv.includes('--sequential')) {
  const sequential = reproduce(1);
  const same = JSON.stringify(sequential.tables) === JSON.stringify(parallel.tables);
  log(`reproduce --jobs 1: ${sequential.seconds.toFixed(1)} s; tables ${same ? 'identical' : 'DIFFER'}`);
  Object.assign(result, { sequentialSeconds: Number(sequential.seconds.toFixed(1)), tablesIdentical: same });
  if (!argv.includes('--keep')) rmSync(sequential.out, { recursive: true, force: true });
}
if (argv.includes('--keep')) log(`run folders kept in ${parallel.out}`);
else rmSync(parallel.out, { recursive: true, force: true });
process.stdout.write(`${JSON.stringify(result)}\n`);
