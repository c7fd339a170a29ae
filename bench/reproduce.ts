// The full reproduction timed against PyTorch, in one run: the shipped CLI's `reproduce` at the
// paper's scale (15,000 sequences, 50 epochs a stage, four stages = 75,000 training steps), and
// PyTorch's GRU + Linear + MSE step (bench/torch_peer.py, the faster of one thread and every core)
// measured just before and just after it, times the same 75,000 steps. The ratio is printed only
// when the machine was idle when the bench started (bench/load.ts; reproduce itself keeps every
// core busy, so the end of the run says nothing about other users); --loaded prints it labelled. With --sequential it also runs `--jobs 1` and checks
// that tables I–II are identical.
// Run: npm run build:cli && npm run --silent bench:reproduce -- [--count N] [--epochs E] [--jobs J] [--threads N] [--sequential] [--keep] [--loaded]
// Last line: {"reproduceSeconds", "steps", "torchMsPerStep", "torchThreads", "torchSeconds", "overTorch" (idle only), "loaded", ...}.
// Never run by npm test.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadAtStart, loadLine } from './load';
import { torchPeerMs } from './torchPeer';

const argv = process.argv.slice(2);
const option = (name: string, fallback: number): number => {
  const i = argv.indexOf(name);
  return i >= 0 ? Number(argv[i + 1]) : fallback;
};
const count = option('--count', 15000);
const epochs = option('--epochs', 50);
// --jobs stages at once, each with ⌊--threads / --jobs⌋ GRU threads (reproduce's own defaults: every core, the cores free)
const jobs = option('--jobs', cpus().length);
const threads = argv.includes('--threads') ? option('--threads', 1) : undefined;
const batch = 32;
// Training sequences are 80 % of the dataset, in batches of 32; four stages.
const steps = 4 * epochs * Math.ceil((count * 0.8) / batch);
const log = (s: string) => process.stderr.write(`${s}\n`);

const load = loadAtStart();
const torchMs = () => torchPeerMs([{ hidden: 32, batch }], 100, load.cores, log).get(`32x${batch}`);

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
    ...(threads === undefined ? [] : ['--threads', String(threads)]),
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
log(loadLine(load));
const before = torchMs();
const parallel = reproduce(jobs);
const after = torchMs();
log(`reproduce --jobs ${jobs}${threads === undefined ? '' : ` --threads ${threads}`}: ${parallel.seconds.toFixed(1)} s`);
const result: Record<string, unknown> = {
  reproduceSeconds: Number(parallel.seconds.toFixed(1)),
  steps,
  jobs,
  ...(threads === undefined ? {} : { threads }),
  cpu: load.cpu,
  loadAverage: Number(load.start.toFixed(2)),
  loaded: !load.idle,
};
if (before !== undefined && after !== undefined) {
  const ms = (before.ms + after.ms) / 2;
  const torchSeconds = (ms * steps) / 1000;
  log(
    `PyTorch GRU + Linear + MSE step (the faster of 1 and ${load.cores} threads): ${before.ms.toFixed(2)} ms before, ${after.ms.toFixed(2)} ms after; ${steps} steps = ${torchSeconds.toFixed(0)} s`,
  );
  const over = (parallel.seconds / torchSeconds).toFixed(3);
  if (load.idle) log(`reproduce / PyTorch: ${over}`);
  else log(`reproduce / PyTorch: ${argv.includes('--loaded') ? `${over} LOADED, not a result` : 'withheld (the machine was loaded)'}`);
  Object.assign(result, {
    torchMsPerStep: Number(ms.toFixed(3)),
    torchThreads: after.threads,
    torchSeconds: Number(torchSeconds.toFixed(1)),
    ...(load.idle ? { overTorch: Number(over) } : {}),
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
