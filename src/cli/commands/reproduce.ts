import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { RunMetrics } from '../../train/metrics';
import { paperStages, stageTables, type StageResult } from '../../train/stages';
import { writeJson } from '../runFolder';
import { readJson } from '../files';
import { trainCommandQuiet } from './train';
import { useBackend, type BackendName } from '../backend';
import { shippedGraphs } from '../graphFiles';
import { writeReport } from '../report';
import { versions } from '../runTraining';

export interface ReproduceFlags {
  epochs?: number;
  count?: number;
  seed?: number;
  out: string;
  backend: BackendName;
}


/**
 * The paper's four stages, each initialised as fig. 7 says, into DIR/<stage>. A stage already
 * finished in DIR is reused and an interrupted one resumed, so a long reproduction survives a stop.
 */
export async function reproduceCommand(flags: ReproduceFlags): Promise<void> {
  mkdirSync(flags.out, { recursive: true });
  // Even when every stage is reused, the report runs each stage's net on its examples.
  await useBackend(flags.backend);
  const started = performance.now();
  const results: StageResult[] = [];
  const dirs = new Map<string, string>();
  for (const stage of paperStages) {
    const dir = join(flags.out, stage.name);
    dirs.set(stage.name, dir);
    const metricsFile = join(dir, 'metrics.json');
    const before = existsSync(metricsFile) ? (readJson(metricsFile) as RunMetrics) : undefined;
    let metrics = before;
    if (before?.status !== 'done') {
      metrics = await trainCommandQuiet(before ? undefined : join(shippedGraphs, stage.graph), {
        ...(before ? { resume: dir } : { out: dir }),
        ...(flags.epochs !== undefined ? { epochs: flags.epochs } : {}),
        ...(flags.count !== undefined ? { count: flags.count } : {}),
        ...(flags.seed !== undefined ? { seed: flags.seed } : {}),
        ...(stage.initFrom ? { init: dirs.get(stage.initFrom)! } : {}),
        backend: flags.backend,
        label: stage.name,
      });
    }
    const last = metrics!.epochs[metrics!.epochs.length - 1];
    results.push({ stage: stage.name, dir, finalLoss: last.train.total, finalTestLoss: last.test.total, testErrorPercent: last.testErrorPercent, paper: stage.paper });
  }
  writeJson(join(flags.out, 'tables.json'), results);
  const wallSeconds = (performance.now() - started) / 1000;
  const trainingSeconds = results.reduce((sum, r) => sum + ((readJson(join(r.dir, 'metrics.json')) as RunMetrics).totalSeconds ?? 0), 0);
  writeReport(flags.out, paperStages.map((s) => ({ ...s, dir: dirs.get(s.name)! })), {
    command: `slidegraph reproduce ${process.argv.slice(3).join(' ')}`.trim(),
    seed: flags.seed ?? 0,
    epochsPerStage: results.map((r) => (readJson(join(r.dir, 'metrics.json')) as RunMetrics).epochs.length),
    trainingSeconds,
    thisInvocationSeconds: wallSeconds,
    versions: versions(flags.backend),
  });
  process.stdout.write(stageTables(results));
}
