import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { dataShapeOf } from '../../../nodes/fields';
import {
  type CompareWindow,
  type Comparison,
  compareOnWindows,
  lawFriction,
  overlapsAny,
  predictorCurves,
  requireFitOfRecord,
  type Stretch,
  trainedStretches,
  windowsOfDataset,
  windowsWithSteps,
} from '../../fit/compare';
import { compareReportHtml } from '../../fit/compareReport';
import { parseFitFile } from '../../fit/fitFile';
import type { Dataset } from '../../physics/dataset';
import { importDataset, importDefaults } from '../../physics/importExperiments';
import { startSamples } from '../../physics/importOptions';
import { detected, sampleInterval } from '../../physics/lab/detected';
import type { Experiment, ReadOptions } from '../../physics/lab/record';
import { cutWindows } from '../../physics/lab/windows';
import { writeFileAtomic } from '../../runs/atomicWrite';
import { type BackendName, useBackend } from '../../runs/backend';
import { readJson } from '../../runs/files';
import { compileGraphDoc } from '../../runs/graphFiles';
import { readRecord } from '../../runs/labRecord';
import { requireMatchingWeights } from '../../runs/preflight';
import { runFiles } from '../../runs/runFolder';
import { InputError } from '../../util/inputError';
import { requireFiniteValues } from '../../util/nonFinite';
import { printNote } from '../followRun';

type WindowChoice = 'auto' | 'all' | 'unseen';

export interface CompareFlags extends ReadOptions {
  fit: string;
  run: string;
  out?: string;
  json?: boolean;
  windows: WindowChoice;
  window?: number;
  every?: number;
  stride?: number;
  backend: BackendName;
}

/** The version of `compare --json`'s object (schema/compare.schema.json). */
const COMPARE_VERSION = 1;

/**
 * The record cut into windows as the run's data was sampled: the run's sequence length, samples
 * as far apart as the run's (its duration over T − 1, unless --every says otherwise), through
 * import's own cutWindows and importDataset with the run's per-jump slots, Vch and δμch (the net
 * reads V / Vch and writes (μ − μ start) / δμch) and import's denoised window start.
 */
function recordWindows(record: Experiment, run: Dataset['config'], flags: CompareFlags, file: string) {
  const T = run.samples;
  const every = flags.every ?? run.duration / (T - 1);
  try {
    let cut: Experiment[];
    try {
      cut = cutWindows(record, { samples: T, every, stride: flags.stride });
    } catch (e) {
      // an --every the user did not give is the run's: say where it came from and what to do
      if (e instanceof InputError && e.field === '--every' && flags.every === undefined)
        throw new InputError(
          '--every',
          `the run's samples are ${Number(every.toPrecision(6))} s apart (${flags.run}), closer than the record's rows (${Number(sampleInterval(record).toPrecision(6))} s): give --every S to score the net on windows sampled that far apart`,
        );
      throw e;
    }
    const ds = importDataset(cut, {
      ...importDefaults,
      samples: T,
      maxJumps: run.maxJumps,
      vCh: run.vCh,
      dmuCh: run.dmuCh,
      seed: run.seed,
      testFraction: run.testFraction,
      startSamples,
    });
    return { ds, every, starts: cut.map((w) => w.t[0] - record.t[0]) };
  } catch (e) {
    if (e instanceof InputError && e.source === undefined) throw e.withSource(file);
    throw e;
  }
}

/** How the record was cut: samples per window, their spacing and the windows' stride (s), and how many windows in all. */
interface Cut {
  samples: number;
  every: number;
  stride: number;
  total: number;
}

function heldOutSentence(
  choice: 'all' | 'unseen',
  scored: readonly CompareWindow[],
  cut: Cut,
  seen: readonly Stretch[],
  runData: string,
): string {
  const g = (x: number) => Number(x.toPrecision(6));
  const which = `${scored.length} of the record's ${cut.total} window(s) of ${cut.samples} samples ${g(cut.every)} s apart, one every ${g(cut.stride)} s`;
  const overlapping = scored.filter((w) => overlapsAny(w, seen)).length;
  const net =
    seen.length === 0
      ? `The net never saw this record: it trained on ${runData}, so every window is held out from it.`
      : overlapping === 0
        ? `They share no instant with the ${seen.length} stretch(es) of this record the net trained on (${runData}): held out from it.`
        : `${overlapping} of them overlap the ${seen.length} stretch(es) of this record the net trained on (${runData}): those are NOT held out from it.`;
  return `Windows: ${which} (${choice}). ${net} The fit's parameters came from every row of the record, so for the fitted law no window is held out: the comparison favours the fit.`;
}

/** `slidegraph compare RECORD --fit FIT.json --run RUNDIR`: the fitted law, a trained net and constant μ on the same windows. */
export async function compareCommand(file: string, flags: CompareFlags): Promise<void> {
  const fit = parseFitFile(readJson(flags.fit), flags.fit);
  const records = readRecord(file, { sep: flags.sep, columns: flags.columns });
  if (records.length !== 1) throw new InputError('sequence', `holds ${records.length} experiments; compare takes a record of one`, file);
  const record = records[0];
  const found = detected(record);
  if (found.steps.length === 0) throw new InputError('record', `${record.source} has no velocity step: there is nothing to predict`, file);
  requireFitOfRecord(fit, found.steps, record.t[record.t.length - 1] - record.t[0], flags.fit);

  // Loaded when the command runs: main.ts lists every command, and --help must not load tfjs.
  const { createModel } = await import('../../compile/model');
  const { openFinishedRun } = await import('../../runs/runTraining');
  const { evaluateSplit } = await import('../../train/evaluateSplit');
  const { pack } = await import('../../train/pack');
  const { toInitial } = await import('../../train/weights');
  const run = openFinishedRun(flags.run);
  if (run.note) printNote(run.note);
  const T = run.ds.config.samples;
  if (flags.window !== undefined && flags.window !== T)
    throw new InputError('--window', `is ${flags.window}, but ${flags.run} trained on sequences of ${T} samples; the windows must match`);
  const { ds, every, starts } = recordWindows(record, run.ds.config, flags, file);
  const all = windowsOfDataset(ds, (i) => starts[i]);
  // the stretches of this record the net trained on, when its data was cut from it by import
  const seen = trainedStretches(run.ds, file);
  const choice = flags.windows === 'auto' ? (seen.length ? 'unseen' : 'all') : flags.windows;
  const picked = all.flatMap((w, i) => (choice === 'all' || !overlapsAny(w, seen) ? [i] : []));
  if (picked.length === 0)
    throw new InputError(
      '--windows',
      `unseen: every one of the record's ${all.length} window(s) overlaps a stretch the net trained on; --windows all scores them anyway`,
      file,
    );
  const windows = picked.map((i) => all[i]);

  const plan = compileGraphDoc(run.doc, run.graphFile, { data: dataShapeOf(ds.config) });
  requireMatchingWeights(plan, run.weights, join(flags.run, runFiles.weights));
  await useBackend(flags.backend, (m) => printNote(m, true));
  const model = createModel(plan, { seed: 0, initial: toInitial(run.weights) });
  const ev = evaluateSplit(
    model,
    pack(
      picked.map((i) => ds.sequences[i]),
      T,
      ds.config.maxJumps,
    ),
  );
  model.dispose();
  requireFiniteValues(
    ev.predictions,
    'Predictions',
    flags.run,
    (i) => `the net's output for window ${picked[Math.floor(i / T)]}, sample ${i % T},`,
  );
  const net = windows.map((w, k) => Float64Array.from(ev.predictions.subarray(k * T, (k + 1) * T), (p) => w.muStart + ds.config.dmuCh * p));

  const times = new Float64Array(windows.length * T);
  windows.forEach((w, k) => times.set(w.t, k * T));
  const lawAll = lawFriction(fit, times, flags.fit);
  const law = windows.map((_, k) => lawAll.subarray(k * T, (k + 1) * T));
  const curves = predictorCurves(windows, { law, net });
  const scores = compareOnWindows(windows, curves);
  // Most windows of a record hold no step and show little but noise: the ones that do, apart.
  const stepped = windowsWithSteps(windows, fit.steps);
  const pick = (xs: readonly Float64Array[]) => stepped.map((k) => xs[k]);
  const stepScores = stepped.length
    ? compareOnWindows(
        stepped.map((k) => windows[k]),
        { law: pick(curves.law), net: pick(curves.net), constant: pick(curves.constant) },
      )
    : null;

  const runData = run.dataFile ?? 'data generated with the settings its run.json records';
  const cut: Cut = { samples: T, every, stride: flags.stride ?? T * every, total: all.length };
  const heldOut = heldOutSentence(choice, windows, cut, seen, runData);
  if (flags.out) {
    mkdirSync(flags.out, { recursive: true });
    const page = compareReportHtml(
      windows,
      curves,
      scores,
      { record: file, fit: flags.fit, run: flags.run, heldOut },
      { positions: stepped, scores: stepScores },
    );
    writeFileAtomic(join(flags.out, 'report.html'), page);
  }
  const result = summary(file, flags, choice, windows, cut, heldOut, scores, stepped, stepScores);
  if (flags.json) {
    process.stdout.write(`${JSON.stringify(result)}\n`);
    return;
  }
  const p = (x: number) => (Number.isFinite(x) ? x.toPrecision(4) : 'undefined');
  const row = (name: string, s: Comparison['law']) =>
    `  ${name.padEnd(11)} rms ${p(s.rms)}   eq. (15) mean ${p(s.eq15.mean)} %  median ${p(s.eq15.median)} %`;
  const lines = [
    `${file}: ${windows.length} window(s) of ${T} samples`,
    `  ${heldOut}`,
    row('fitted law', scores.law),
    row('net', scores.net),
    row('constant μ', scores.constant),
    ...(stepScores
      ? [
          `  on the ${stepped.length} window(s) holding a load-point step (${stepped.map((k) => windows[k].index).join(', ')}):`,
          row('fitted law', stepScores.law),
          row('net', stepScores.net),
          row('constant μ', stepScores.constant),
        ]
      : ['  no scored window holds a load-point step']),
    ...(flags.out ? [`  report: ${join(flags.out, 'report.html')}`] : []),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

/** The --json object: numbers, and null where eq. (15) is undefined (a window whose μ never moves). */
function summary(
  file: string,
  flags: CompareFlags,
  choice: 'all' | 'unseen',
  windows: readonly CompareWindow[],
  cut: Cut,
  heldOut: string,
  s: Comparison,
  stepped: readonly number[],
  stepScores: Comparison | null,
) {
  const T = cut.samples;
  const num = (x: number) => (Number.isFinite(x) ? x : null);
  const score = (x: Comparison['law']) => ({
    rms: x.rms,
    eq15: { mean: num(x.eq15.mean), median: num(x.eq15.median), count: x.eq15.count, undefinedCount: x.eq15.undefinedCount },
  });
  return {
    format: 'slidegraph/compare',
    version: COMPARE_VERSION,
    record: file,
    fit: flags.fit,
    run: flags.run,
    windows: { choice, count: windows.length, ...cut, heldOut },
    law: score(s.law),
    net: score(s.net),
    constant: score(s.constant),
    withSteps: stepScores && {
      indices: stepped.map((k) => windows[k].index),
      law: score(stepScores.law),
      net: score(stepScores.net),
      constant: score(stepScores.constant),
    },
    perWindow: windows.map((w, k) => ({
      index: w.index,
      start: w.t[0],
      end: w.t[T - 1],
      law: { rms: s.law.perWindow[k].rms, eq15: num(s.law.perWindow[k].eq15) },
      net: { rms: s.net.perWindow[k].rms, eq15: num(s.net.perWindow[k].eq15) },
      constant: { rms: s.constant.perWindow[k].rms, eq15: num(s.constant.perWindow[k].eq15) },
    })),
  };
}
