import { createHash } from 'node:crypto';
import { dataConfig, generateDataset } from '../../physics/dataset';
import { datasetJsonChunks } from '../../physics/datasetFile';
import type { VelocityRule } from '../../physics/generator';
import { datasetSummary } from '../../physics/summary';
import { writeChunksAtomic } from '../atomicWrite';
import { requireDatasetFits, requireWritableTarget } from '../preflight';
import { progressBar } from '../progress';

export interface DataOptions {
  count: number;
  seed: number;
  out: string;
  rule: VelocityRule;
  testFraction?: number;
}

export async function dataCommand(opts: DataOptions): Promise<void> {
  const config = dataConfig({
    count: opts.count,
    seed: opts.seed,
    rule: opts.rule,
    ...(opts.testFraction ? { testFraction: opts.testFraction } : {}),
  });
  requireDatasetFits(config.count, config.samples, config.maxJumps, '--count');
  requireWritableTarget(opts.out, '--out');
  const started = performance.now();
  const bar = progressBar(config.count, 'generating');
  const ds = generateDataset(config, (done) => bar.update(done));
  bar.stop();
  const generatedMs = performance.now() - started;
  const hash = createHash('sha256');
  // Whole or not at all: a full disk leaves the earlier file (or none), never a truncated one.
  writeChunksAtomic(opts.out, datasetJsonChunks(ds), (chunk) => hash.update(chunk));
  const summary = { file: opts.out, sha256: hash.digest('hex'), ...datasetSummary(ds), generateMs: Math.round(generatedMs) };
  process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
}
