import { join } from 'node:path';
import { dataConfig, generateDataset } from '../physics/dataset';
import { parseSet } from '../run/overrides';
import type { PointList, PointTask } from '../run/points';
import { flagsPatch } from '../run/runSpec';
import { writeFileAtomic } from '../runs/atomicWrite';
import type { BackendName } from '../runs/backend';
import { shippedGraphs } from '../runs/graphFiles';
import { readRunMetrics } from '../runs/metricsFile';
import { pointDir } from '../runs/pointFolder';
import { runFiles, writeJson } from '../runs/runFolder';
import { readRunRecord } from '../runs/runRecord';
import type { PreparedRun } from '../runs/runTraining';
import { maxOf, minOf } from '../util/extent';
import { InputError } from '../util/inputError';
import { stat } from '../util/stats';
import { type FloorKind, testSplitFeatureFloor } from './featureFloor';
import { seedsReportHtml } from './seeds';
import type { StageFeatures } from './stageFeatures';
import {
  type ControlStage,
  controlStages,
  floorAndControlTables,
  paperStages,
  type Stage,
  type StageResult,
  stageGraph,
  stageStatsTables,
  stageTables,
} from './stages';
import { writeReport } from './writeReport';

/**
 * The paper's reproduction as points and results: the stages of every seed as a point list
 * (reproducePoints), and, once their run folders are trained, the tables and reports
 * (reproduceResults). The command line trains the points in between.
 */

export interface ReproduceSettings {
  epochs?: number;
  count?: number;
  seed?: number;
  /** several seeds: the tables give mean ± sd over them */
  seeds?: number[];
  out: string;
  backend: BackendName;
  /** the epoch control (ME continued alone); on by default with --seeds */
  control?: boolean;
  /** posterior draws per test sequence for the forward floor of the features beside table II */
  floorDraws: number;
  /** the main net's inputs: the paper's V/Vch, or V/Vch and MeanV */
  features: StageFeatures;
  /**
   * `--set PATH=VALUE` for every stage, in the order given (run.data.timing=grid), or
   * `--set STAGE:PATH=VALUE` for one stage (ME:run.training.epochs=100)
   */
  set?: string[];
}

/** A `--set` with the stage it is for, or none for every stage. */
function parseStageSet(raw: string, names: readonly string[]): { stage?: string; path: string; value: unknown } {
  const colon = raw.indexOf(':');
  const eq = raw.indexOf('=');
  if (colon <= 0 || (eq >= 0 && eq < colon)) return parseSet(raw);
  const stage = raw.slice(0, colon);
  if (!names.includes(stage))
    throw new InputError(`--set ${stage}`, `no stage is named ${JSON.stringify(stage)}; the stages are ${names.join(', ')}`);
  return { stage, ...parseSet(raw.slice(colon + 1)) };
}

/** The stages each seed trains: the paper's four, then the epoch control's. */
function seedStages(flags: ReproduceSettings): readonly (Stage | ControlStage)[] {
  return withControl(flags) ? [...paperStages, ...controlStages] : paperStages;
}

const withControl = (flags: ReproduceSettings) => flags.control ?? flags.seeds !== undefined;

/** OUT/<stage>, or OUT/seed-S/<stage> with --seeds; each stage after the one it starts from (fig. 7). */
function stagePoints(flags: ReproduceSettings): PointTask[] {
  const seeds = flags.seeds ?? [flags.seed];
  const points: PointTask[] = [];
  const stages = seedStages(flags);
  const names = stages.map((s) => s.name);
  const sets = (flags.set ?? []).map((raw) => parseStageSet(raw, names));
  for (const seed of seeds) {
    const folder = flags.seeds ? `seed-${seed}` : '';
    const first = points.length;
    for (const stage of stages) {
      const from = stage.initFrom ? stages.findIndex((s) => s.name === stage.initFrom) : -1;
      points.push({
        name: join(folder, stage.name),
        dir: join(folder, stage.name),
        graph: join(shippedGraphs, stageGraph(stage.graph, flags.features)),
        patches: [
          flagsPatch({
            count: flags.count,
            epochs: flags.epochs,
            seed,
            ...(stage.initFrom ? { init: join(flags.out, folder, stage.initFrom) } : {}),
          }),
        ],
        set: sets.filter((s) => s.stage === undefined || s.stage === stage.name).map((s): [string, unknown] => [s.path, s.value]),
        ...(from >= 0 ? { after: [first + from] } : {}),
      });
    }
  }
  return points;
}

/**
 * The floor beside table II: the forward floor (the GRU reads the samples up to now) of the
 * features the main net was fed, V/Vch with or without MeanV, or V/Vch on jumps at sample instants.
 */
function floorKindOf(features: StageFeatures, timing: string): FloorKind {
  return { predictor: 'forward', features: features === 'meanv' ? 'meanv' : timing === 'grid' ? 'grid' : 'v' };
}

/** The stages of every seed as OUT/reproduce.json's point list. */
export function reproducePoints(flags: ReproduceSettings): PointList {
  return { format: 'slidegraph/reproduce-points', version: 1, points: stagePoints(flags) };
}

/** What the run of the points adds to the record: the command line, and how long this invocation took. */
export interface ReproduceRun {
  command: string;
  wallSeconds: number;
  versions: Record<string, string>;
}

/**
 * Reads every stage's run folder and writes the report of each seed (report.html and figures),
 * tables.json, and with several seeds the seeds' report.html. Returns the tables as text.
 */
export function reproduceResults(
  flags: ReproduceSettings,
  list: PointList,
  prepared: readonly PreparedRun['run'][],
  r: ReproduceRun,
): string {
  const file = join(flags.out, 'reproduce.json');
  const epochs = prepared.map((run) => run.training.epochs);
  const { command, wallSeconds } = r;
  const floorKind = (timing: string) => floorKindOf(flags.features, timing);
  let text = '';
  const seeds = flags.seeds ?? [flags.seed];
  const chain = seedStages(flags);
  const perStage = chain.length;
  // A control's epochs count from scratch, through the stages it continues, as the staged runs' do.
  const fromScratch = (i: number): number => {
    const from = chain[i].initFrom;
    return epochs[i] + (from ? fromScratch(chain.findIndex((s) => s.name === from)) : 0);
  };
  const controlsRun = (withControl(flags) ? controlStages : []).map((c, i) => ({ ...c, epochs: fromScratch(paperStages.length + i) }));
  // With several seeds, each seed's figs. 9–10 show the last stage's nets of every seed as a band.
  const last = paperStages.length - 1;
  const ensemble =
    seeds.length > 1 ? { stage: paperStages[last].name, dirs: seeds.map((_, j) => pointDir(file, list, j * perStage + last)) } : undefined;
  const perSeed = seeds.map((seed, k) => {
    const points = list.points.slice(k * perStage, (k + 1) * perStage);
    const stages = paperStages.map((s, i) => ({
      ...s,
      graph: stageGraph(s.graph, flags.features),
      dir: pointDir(file, list, k * perStage + i),
    }));
    // Every point's metrics, read once: the paper's stages first, then the controls.
    const all = points.map((_p, i) => readRunMetrics(join(pointDir(file, list, k * perStage + i), runFiles.metrics)));
    const metrics = all.slice(0, paperStages.length);
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
    const controls = controlsRun.map((c, i) => {
      const m = all[paperStages.length + i];
      return { stage: c.name, testErrorPercent: m.epochs[m.epochs.length - 1].testErrorPercent };
    });
    const times = points.map((_p, i): { startedAt?: string; finishedAt?: string } => {
      const r = readRunRecord(pointDir(file, list, k * perStage + i));
      return { ...(r?.startedAt ? { startedAt: r.startedAt } : {}), ...(r?.finishedAt ? { finishedAt: r.finishedAt } : {}) };
    });
    const seconds = all.map((m) => m.totalSeconds ?? 0);
    // One generation of the seed's data serves the floor and the report's example predictions.
    const data = generateDataset(dataConfig(prepared[k * perStage].data));
    const floor = testSplitFeatureFloor(data, { ...floorKind(data.config.timing), draws: flags.floorDraws });
    writeReport(
      flags.seeds ? join(flags.out, `seed-${seed}`) : flags.out,
      stages,
      {
        command,
        seed: seed ?? 0,
        epochsPerStage: metrics.map((m) => m.epochs.length),
        trainingSeconds: seconds.reduce((sum, x) => sum + x, 0),
        thisInvocationSeconds: wallSeconds,
        versions: r.versions,
      },
      {
        floor: { ...floor, kind: floorKind(data.config.timing) },
        controls: controlsRun.map((c, i) => ({
          name: c.name,
          epochs: c.epochs,
          testErrorPercent: controls[i].testErrorPercent,
          matches: c.matches,
        })),
      },
      data,
      ensemble,
    );
    return { seed, results, controls, floor, times, seconds, names: points.map((p) => p.name) };
  });
  const trainingSeconds = perSeed.reduce((a, s) => a + s.seconds.reduce((b, x) => b + x, 0), 0);
  const timing = {
    wallSeconds,
    trainingSeconds,
    stages: perSeed.flatMap((s) => s.times.map((t, i) => ({ stage: s.names[i], seed: s.seed, ...t, seconds: s.seconds[i] }))),
  };
  const floor = stat(perSeed.map((p) => p.floor.mean));
  const stageValues = paperStages.map((s, i) => ({
    stage: s.name,
    testErrorPercent: stat(perSeed.map((p) => p.results[i].testErrorPercent)),
  }));
  const controlValues = controlsRun.map((c, i) => ({
    stage: c.name,
    matches: c.matches,
    epochs: c.epochs,
    testErrorPercent: stat(perSeed.map((p) => p.controls[i].testErrorPercent)),
  }));
  if (!flags.seeds) {
    writeJson(join(flags.out, 'tables.json'), perSeed[0].results);
    text += stageTables(perSeed[0].results);
  } else {
    const listed = flags.seeds;
    const rows = paperStages.map((s, i) => ({
      stage: s.name,
      paper: s.paper,
      seeds: listed,
      finalLoss: stat(perSeed.map((p) => p.results[i].finalLoss)),
      testErrorPercent: stageValues[i].testErrorPercent,
    }));
    const tables = {
      stages: rows,
      perSeed: perSeed.map((p, k) => ({ seed: listed[k], results: p.results, controls: p.controls, floor: p.floor })),
      floor,
      floorKind: floorKind(dataConfig(prepared[0].data).timing),
      controls: controlValues,
      timing,
    };
    writeJson(join(flags.out, 'tables.json'), tables);
    writeFileAtomic(join(flags.out, 'report.html'), seedsReportHtml(tables, command));
    text += stageStatsTables(rows);
  }
  text += `\n${floorAndControlTables(floor, floorKind(dataConfig(prepared[0].data).timing), stageValues, controlValues)}`;
  // From run.json: how long the stages took side by side, process start-up left out.
  const spans = timing.stages.flatMap((t) => (t.startedAt && t.finishedAt ? [[Date.parse(t.startedAt), Date.parse(t.finishedAt)]] : []));
  const span = (maxOf(spans.map((x) => x[1])) - minOf(spans.map((x) => x[0]))) / 1000;
  const busy = spans.reduce((a, [s0, s1]) => a + (s1 - s0), 0) / 1000;
  text += `\nwall time ${wallSeconds.toFixed(1)} s; the stages ran within ${span.toFixed(1)} s and took ${busy.toFixed(1)} s together (${(busy / span).toFixed(2)} at once on average; startedAt and finishedAt are in each run.json)\n`;
  return text;
}
