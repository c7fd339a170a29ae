import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { flagsPatch } from '../../run/runSpec';
import type { RunMetrics } from '../../train/metrics';
import { paperStages, type StageResult, stageTables } from '../../train/stages';
import { InputError } from '../../util/inputError';
import { type BackendName, useBackend } from '../backend';
import { readJson } from '../files';
import { shippedGraphs } from '../graphFiles';
import { prepareRun } from '../prepareRun';
import { writeReport } from '../report';
import { writeJson } from '../runFolder';
import { resumeRun, runInto, versions } from '../runTraining';

export interface ReproduceFlags {
  epochs?: number;
  count?: number;
  seed?: number;
  out: string;
  backend: BackendName;
}

/** A stage folder made with other settings must not be passed off as this reproduction. */
function checkReusable(dir: string, flags: ReproduceFlags): void {
  const graph = readJson(join(dir, 'graph.json')) as { run?: { data?: { count?: number; seed?: number }; training?: { epochs?: number } } };
  const want = { count: flags.count, seed: flags.seed, epochs: flags.epochs };
  const had = { count: graph.run?.data?.count, seed: graph.run?.data?.seed, epochs: graph.run?.training?.epochs };
  for (const k of ['count', 'seed', 'epochs'] as const) {
    if (want[k] !== undefined && want[k] !== had[k]) {
      throw new InputError('--out', `${dir} was trained with --${k} ${had[k]}, not ${want[k]}; choose another --out for these settings`);
    }
  }
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
  const finished = new Map<string, RunMetrics>();
  const dirs = new Map<string, string>();
  for (const stage of paperStages) {
    const dir = join(flags.out, stage.name);
    dirs.set(stage.name, dir);
    const metricsFile = join(dir, 'metrics.json');
    const before = existsSync(metricsFile) ? (readJson(metricsFile) as RunMetrics) : undefined;
    if (before) checkReusable(dir, flags);
    let metrics = before;
    if (before?.status !== 'done') {
      const run = { dir, backend: flags.backend, label: stage.name };
      metrics = before
        ? await resumeRun(run)
        : await runInto(
            prepareRun(join(shippedGraphs, stage.graph), [
              flagsPatch({ ...flags, ...(stage.initFrom ? { init: dirs.get(stage.initFrom)! } : {}) }),
            ]),
            { ...run, provenance: { graphFile: stage.graph, stage: stage.name } },
          );
    }
    finished.set(stage.name, metrics!);
    const last = metrics!.epochs[metrics!.epochs.length - 1];
    results.push({
      stage: stage.name,
      dir,
      finalLoss: last.train.total,
      finalTestLoss: last.test.total,
      testErrorPercent: last.testErrorPercent,
      paper: stage.paper,
    });
  }
  writeJson(join(flags.out, 'tables.json'), results);
  const wallSeconds = (performance.now() - started) / 1000;
  const trainingSeconds = [...finished.values()].reduce((sum, m) => sum + (m.totalSeconds ?? 0), 0);
  writeReport(
    flags.out,
    paperStages.map((s) => ({ ...s, dir: dirs.get(s.name)! })),
    {
      command: `slidegraph reproduce ${process.argv.slice(3).join(' ')}`.trim(),
      seed: flags.seed ?? 0,
      epochsPerStage: [...finished.values()].map((m) => m.epochs.length),
      trainingSeconds,
      thisInvocationSeconds: wallSeconds,
      versions: versions(flags.backend),
    },
  );
  process.stdout.write(stageTables(results));
}
