import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { PointList, PointTask } from '../../run/points';
import { flagsPatch } from '../../run/runSpec';
import type { RunMetrics } from '../../train/metrics';
import { paperStages, type StageResult, stageStatsTables, stageTables } from '../../train/stages';
import { stat } from '../../util/stats';
import { type BackendName, useBackend } from '../backend';
import { CliExit, EXIT_DIVERGED, EXIT_INTERRUPTED } from '../fail';
import { readJson } from '../files';
import { shippedGraphs } from '../graphFiles';
import { runLocal } from '../localExecutor';
import { checkPoints, pointDir } from '../points';
import { prepareRun } from '../prepareRun';
import { writeReport } from '../report';
import { runFiles, writeJson } from '../runFolder';
import { versions } from '../runTraining';

export interface ReproduceFlags {
  epochs?: number;
  count?: number;
  seed?: number;
  /** several seeds: the tables give mean ± sd over them */
  seeds?: number[];
  out: string;
  backend: BackendName;
  jobs: number;
}

/** OUT/<stage>, or OUT/seed-S/<stage> with --seeds; each stage after the one it starts from (fig. 7). */
function stagePoints(flags: ReproduceFlags): PointTask[] {
  const seeds = flags.seeds ?? [flags.seed];
  const points: PointTask[] = [];
  for (const seed of seeds) {
    const folder = flags.seeds ? `seed-${seed}` : '';
    const first = points.length;
    for (const stage of paperStages) {
      const from = stage.initFrom ? paperStages.findIndex((s) => s.name === stage.initFrom) : -1;
      points.push({
        name: join(folder, stage.name),
        dir: join(folder, stage.name),
        graph: join(shippedGraphs, stage.graph),
        patches: [
          flagsPatch({
            count: flags.count,
            epochs: flags.epochs,
            seed,
            ...(stage.initFrom ? { init: join(flags.out, folder, stage.initFrom) } : {}),
          }),
        ],
        set: [],
        ...(from >= 0 ? { after: [first + from] } : {}),
      });
    }
  }
  return points;
}

/**
 * The paper's four stages for each seed. Stages that do not depend on each other (ME+ICs+DE and
 * ME+ICs+DE+H after ME+ICs, and different seeds) train at the same time in child processes, one
 * per core; each stage is its own seeded run, so its numbers equal a sequential run's. Finished
 * stages are reused and interrupted ones resumed, so a long reproduction survives a stop.
 */
export async function reproduceCommand(flags: ReproduceFlags): Promise<void> {
  mkdirSync(flags.out, { recursive: true });
  const started = performance.now();
  const file = join(flags.out, 'reproduce.json');
  const list: PointList = { format: 'slidegraph/reproduce-points', version: 1, points: stagePoints(flags) };
  const states = checkPoints(file, list);
  writeJson(file, list);
  const epochs = list.points.map((p) => prepareRun(p.graph, p.patches).run.training.epochs);
  const r = await runLocal(file, list, states, {
    jobs: flags.jobs,
    backend: flags.backend,
    label: 'reproduce',
    epochsOf: (i) => epochs[i],
  });
  if (r.interrupted) throw new CliExit(EXIT_INTERRUPTED, `interrupted; run the same command again to continue from the last epochs`);
  if (r.failed.length) {
    for (const f of r.failed)
      process.stderr.write(
        `slidegraph: stage ${f.name} ${f.code === null ? 'did not start, the stage it starts from failed' : `failed (exit ${f.code})`}; log ${f.log}\n`,
      );
    throw new CliExit(EXIT_DIVERGED, `${r.failed.length} stages failed (listed above); a rerun retries them`);
  }
  const wallSeconds = (performance.now() - started) / 1000;

  // Even when every stage is reused, the report runs each stage's net on its examples.
  await useBackend(flags.backend);
  const seeds = flags.seeds ?? [flags.seed];
  const perSeed = seeds.map((seed, k) => {
    const points = list.points.slice(k * paperStages.length, (k + 1) * paperStages.length);
    const stages = paperStages.map((s, i) => ({ ...s, dir: pointDir(file, points[i]) }));
    const metrics = stages.map((s) => readJson(join(s.dir, runFiles.metrics)) as RunMetrics);
    const results: StageResult[] = stages.map((s, i) => {
      const last = metrics[i].epochs[metrics[i].epochs.length - 1];
      return {
        stage: s.name,
        dir: s.dir,
        finalLoss: last.train.total,
        finalTestLoss: last.test.total,
        testErrorPercent: last.testErrorPercent,
        paper: s.paper,
      };
    });
    const times = stages.map((s) => readJson(join(s.dir, runFiles.run)) as { startedAt?: string; finishedAt?: string });
    writeReport(flags.seeds ? join(flags.out, `seed-${seed}`) : flags.out, stages, {
      command: `slidegraph reproduce ${process.argv.slice(3).join(' ')}`.trim(),
      seed: seed ?? 0,
      epochsPerStage: metrics.map((m) => m.epochs.length),
      trainingSeconds: metrics.reduce((sum, m) => sum + (m.totalSeconds ?? 0), 0),
      thisInvocationSeconds: wallSeconds,
      versions: versions(flags.backend),
    });
    return { seed, results, metrics, times };
  });
  const trainingSeconds = perSeed.reduce((a, s) => a + s.metrics.reduce((b, m) => b + (m.totalSeconds ?? 0), 0), 0);
  const timing = {
    wallSeconds,
    trainingSeconds,
    stages: perSeed.flatMap((s) =>
      s.results.map((r, i) => ({ stage: r.stage, seed: s.seed, ...s.times[i], seconds: s.metrics[i].totalSeconds })),
    ),
  };
  if (!flags.seeds) {
    writeJson(join(flags.out, 'tables.json'), perSeed[0].results);
    process.stdout.write(stageTables(perSeed[0].results));
  } else {
    const rows = paperStages.map((s, i) => ({
      stage: s.name,
      paper: s.paper,
      seeds: seeds as number[],
      finalLoss: stat(perSeed.map((p) => p.results[i].finalLoss)),
      testErrorPercent: stat(perSeed.map((p) => p.results[i].testErrorPercent)),
    }));
    writeJson(join(flags.out, 'tables.json'), {
      stages: rows,
      perSeed: perSeed.map((p) => ({ seed: p.seed, results: p.results })),
      timing,
    });
    process.stdout.write(stageStatsTables(rows));
  }
  // From run.json: how long the stages took side by side, process start-up left out.
  const spans = timing.stages.flatMap((t) => (t.startedAt && t.finishedAt ? [[Date.parse(t.startedAt), Date.parse(t.finishedAt)]] : []));
  const span = (Math.max(...spans.map((x) => x[1])) - Math.min(...spans.map((x) => x[0]))) / 1000;
  const busy = spans.reduce((a, [s0, s1]) => a + (s1 - s0), 0) / 1000;
  process.stdout.write(
    `\nwall time ${wallSeconds.toFixed(1)} s; the stages ran within ${span.toFixed(1)} s and took ${busy.toFixed(1)} s together (${(busy / span).toFixed(2)} at once on average; startedAt and finishedAt are in each run.json)\n`,
  );
}
