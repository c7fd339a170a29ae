import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { dataShapeOf } from '../../nodes/fields';
import { createModel } from '../compile/model';
import type { Dataset } from '../physics/dataset';
import { linspace } from '../physics/sampling';
import { holdSampleCount } from '../physics/summary';
import { resolveRun } from '../run/runSpec';
import { writeFileAtomic } from '../runs/atomicWrite';
import { readRunEvaluation } from '../runs/evaluationFile';
import { compileGraphFile, readGraphFile } from '../runs/graphFiles';
import { readRunMetrics } from '../runs/metricsFile';
import { datasetHash, recordedData } from '../runs/recordedData';
import { readRunWeights, runFiles } from '../runs/runFolder';
import { readRunRecord } from '../runs/runRecord';
import { batchOf, pack } from '../train/pack';
import { toInitial } from '../train/weights';
import { chooseExamples } from './examples';
import { reportFigures, reportHtml } from './report';
import type { ReportData, ReportExample, ReportStage } from './reportData';
import type { Stage } from './stages';

const captions = {
  fig9: 'A short hold between two jumps: velocity protocol (dashed, left axis) and the friction of the target and of each stage (right axis).',
  fig10: 'A long hold: velocity protocol (dashed, left axis) and the friction of the target and of each stage (right axis).',
};

/**
 * Gathers what the four stage folders hold into report.html and fig7–fig10 SVG files. The numbers
 * come straight from metrics.json and evaluation.json; only the example predictions are
 * recomputed, from each stage's final weights, and with `ensemble` from one stage's run of every
 * seed, drawn as a band of mean ± 2 sd (the spread that `predict --ensemble` calibrates).
 */
export function writeReport(
  out: string,
  stages: readonly (Stage & { dir: string })[],
  provenance: Record<string, unknown>,
  beside: Pick<ReportData, 'floor' | 'controls'> = {},
  generated?: Dataset,
  ensemble?: { stage: string; dirs: readonly string[] },
): void {
  const reportStages: ReportStage[] = stages.map((s) => {
    const m = readRunMetrics(join(s.dir, runFiles.metrics));
    const ev = readRunEvaluation(join(s.dir, runFiles.evaluation));
    const last = m.epochs[m.epochs.length - 1];
    return {
      name: s.name,
      graphFile: s.graph,
      ...(s.initFrom ? { initFrom: s.initFrom } : {}),
      paper: s.paper,
      finalLoss: last.train.total,
      testErrorPercent: last.testErrorPercent,
      trainLoss: m.epochs.map((e) => e.train.total),
      errors: ev.errorsPercent,
    };
  });
  // `generated` is the stages' dataset when the caller has just generated it from their settings.
  const { ds, sha256 } = generated
    ? { ds: generated, sha256: datasetHash(generated) }
    : recordedData(resolveRun(readGraphFile(join(stages[0].dir, runFiles.graph)).doc).doc, readRunRecord(stages[0].dir));
  const tests = ds.sequences.filter((q) => q.split === 'test');
  const chosen = chooseExamples(
    tests.map((q, index) => ({ index, holdSamples: holdSampleCount(q), holdIsLast: q.protocol.hold === q.protocol.jumpTimes.length })),
  );
  const t = Array.from(linspace(0, ds.config.duration, ds.config.samples));
  const examples: ReportExample[] = [];
  if (chosen) {
    const picks = [
      ['fig9', chosen.short],
      ['fig10', chosen.long],
    ] as const;
    const picked = pack(
      picks.map(([, pick]) => tests[pick.index]),
      ds.config.samples,
      ds.config.maxJumps,
    );
    // One net's outputs on the picked sequences, from a run folder's final weights.
    const predictPicked = (dir: string): ArrayLike<number>[] => {
      const graphFile = join(dir, runFiles.graph);
      const { plan } = compileGraphFile(graphFile, { data: dataShapeOf(ds.config) });
      const model = createModel(plan, { seed: 0, initial: toInitial(readRunWeights(dir)) });
      const outs = picks.map((_, i) => {
        let y: ArrayLike<number> = [];
        // Assigned inside, not returned: tidy would walk every element of a returned array.
        tf.tidy(() => {
          // The fields the graph reads, fed as training feeds them: Features, and MeanV where it is wired in.
          const batch = batchOf(picked, [i], plan.fields);
          y = model
            .predict((field) => {
              const x = batch[field];
              if (!x) throw new Error(`the main net reads '${field}', which ${graphFile} does not list among its fields`);
              return x;
            })
            .dataSync();
        });
        return y;
      });
      model.dispose();
      return outs;
    };
    const predictions = picks.map(() => ({}) as Record<string, ArrayLike<number>>);
    for (const s of stages) predictPicked(s.dir).forEach((y, i) => (predictions[i][s.name] = y));
    const members = ensemble?.dirs.map(predictPicked);
    picks.forEach(([figure, pick], i) => {
      const q = tests[pick.index];
      examples.push({
        figure,
        caption: captions[figure],
        index: pick.index,
        holdSamples: pick.holdSamples,
        duration: ds.config.duration,
        // a ramp or sine has no jumps: its velocity panel steps through the sampled V instead
        ...('shape' in q.protocol && q.protocol.shape
          ? { jumpTimes: Array.from(t.slice(1)), velocities: Array.from(q.Features, (f) => f * ds.config.vCh) }
          : { jumpTimes: q.protocol.jumpTimes, velocities: q.protocol.velocities }),
        t,
        target: q.Targets,
        predictions: predictions[i],
        ...(ensemble && members ? { ensemble: { stage: ensemble.stage, members: members.map((m) => m[i]) } } : {}),
      });
    });
  }
  const data: ReportData = {
    ...beside,
    stages: reportStages,
    examples,
    provenance: {
      ...provenance,
      datasetSha256: sha256,
      sequences: ds.sequences.length,
      test: tests.length,
      graphs: stages.map((s) => s.graph),
    },
  };
  const figures = reportFigures(data);
  for (const [name, svg] of Object.entries(figures)) writeFileAtomic(join(out, `${name}.svg`), `${svg}\n`);
  writeFileAtomic(join(out, 'report.html'), reportHtml(data, figures));
}
