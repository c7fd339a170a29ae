import { existsSync, writeFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import type { GraphDocument } from '../graph';
import { reachableFiles } from '../graph/subgraphs';
import { sweepReportHtml } from '../report/sweep';
import { metricsLongCsv } from '../run/metricsLong';
import { type PointResult, summarize, summaryCsv } from '../run/summary';
import { type SweepSummary, settingLabel } from '../run/summaryFile';
import type { SweepPointList } from '../run/sweep';
import { readJson } from '../runs/files';
import { readRunMetrics } from '../runs/metricsFile';
import { pointDir, pointState, readPointList } from '../runs/points';
import { runFiles, writeJson } from '../runs/runFolder';
import { InputError } from '../util/inputError';

/** A run folder's graph.json and the sub-graph files beside it, by name (the one sub-graph walk). */
function folderGraphs(dir: string): Record<string, GraphDocument> {
  const open = (name: string) => {
    const value = existsSync(join(dir, name)) ? (readJson(join(dir, name)) as GraphDocument) : undefined;
    return Array.isArray(value?.nodes) ? value : undefined;
  };
  const top = open(runFiles.graph);
  if (!top) return {};
  const locate = (ref: string, from: string) => (ref ? normalize(join(dirname(from), ref)) : undefined);
  return Object.fromEntries(reachableFiles(runFiles.graph, top, locate, open).flatMap(({ file, doc }) => (doc ? [[file, doc]] : [])));
}

/** Reads a sweep folder's finished points and writes summary.json, summary.csv, metrics-long.csv and report.html. */
export function collectSweep(dir: string): SweepSummary {
  const file = join(dir, 'sweep.json');
  if (!existsSync(file)) throw new InputError('DIR', `${dir} has no sweep.json: collect reads a folder written by sweep`);
  const list = readPointList(file, 'slidegraph/sweep-points') as SweepPointList;
  const done: PointResult[] = [];
  const missing: string[] = [];
  for (const p of list.points) {
    const at = pointDir(file, p);
    if (pointState(at) !== 'done') {
      missing.push(p.name);
      continue;
    }
    const metrics = readRunMetrics(join(at, runFiles.metrics));
    done.push({ name: p.name, values: p.values, ...(p.seed !== undefined ? { seed: p.seed } : {}), setting: p.setting, metrics });
  }
  const byName = new Map(list.points.map((p) => [p.name, p]));
  const settings = summarize(done).map((row) => ({
    ...row,
    top: runFiles.graph,
    files: folderGraphs(pointDir(file, byName.get(row.points[0])!)),
  }));
  const summary: SweepSummary = {
    format: 'slidegraph/sweep-summary',
    version: 1,
    graph: list.graph,
    parameters: list.parameters,
    missing,
    settings,
  };
  writeJson(join(dir, 'summary.json'), summary);
  writeFileSync(join(dir, 'summary.csv'), summaryCsv(list.parameters, settings));
  writeFileSync(join(dir, 'metrics-long.csv'), metricsLongCsv(list.parameters, done));
  writeFileSync(join(dir, 'report.html'), sweepReportHtml(summary));
  return summary;
}

/** The summary as a few lines for the terminal. */
export function summaryText(s: SweepSummary, dir: string): string {
  const lines = s.settings.map((r) => {
    const e = r.stats.testErrorPercent;
    return `${settingLabel(r.values)}: test error ${e.mean.toFixed(3)} ± ${e.sd === null ? '–' : e.sd.toFixed(3)} % (n = ${r.n})`;
  });
  if (s.missing.length) lines.push(`not finished: ${s.missing.join(', ')}`);
  lines.push(
    `wrote ${join(dir, 'summary.json')}, ${join(dir, 'summary.csv')}, ${join(dir, 'metrics-long.csv')} and ${join(dir, 'report.html')}`,
  );
  return `${lines.join('\n')}\n`;
}
