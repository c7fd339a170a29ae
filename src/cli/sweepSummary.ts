import { existsSync, lstatSync } from 'node:fs';
import { dirname, isAbsolute, join, normalize } from 'node:path';
import type { GraphDocument } from '../graph';
import { reachableFiles } from '../graph/subgraphs';
import { sweepReportHtml } from '../report/sweep';
import { metricsLongCsv } from '../run/metricsLong';
import { type PointResult, summarize, summaryCsv } from '../run/summary';
import { type SweepSummary, settingLabel } from '../run/summaryFile';
import type { SweepPointList } from '../run/sweep';
import { removeStaleTemps, writeFileAtomic } from '../runs/atomicWrite';
import { readGraphFile } from '../runs/graphFiles';
import { readRunMetrics } from '../runs/metricsFile';
import { pointDir } from '../runs/pointFolder';
import { pointState, readPointList } from '../runs/points';
import { runFiles, writeJson } from '../runs/runFolder';
import { InputError } from '../util/inputError';

/**
 * A run folder's own file, or undefined: a name that leaves the folder (`../`, an absolute path)
 * or a symbolic link would let a sweep folder embed any file of the machine into summary.json.
 */
function ownFile(dir: string, name: string): string | undefined {
  if (isAbsolute(name) || name.split(/[/\\]/).some((part) => part === '..')) return undefined;
  const path = join(dir, name);
  try {
    return lstatSync(path).isFile() ? path : undefined;
  } catch {
    return undefined;
  }
}

/** A run folder's graph.json and the sub-graph files in it, by name (the one sub-graph walk): only files that load as graphs. */
function folderGraphs(dir: string): Record<string, GraphDocument> {
  const open = (name: string) => {
    const path = ownFile(dir, name);
    return path ? readGraphFile(path).doc : undefined;
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
  removeStaleTemps(dir);
  const done: PointResult[] = [];
  const missing: string[] = [];
  for (const [i, p] of list.points.entries()) {
    const at = pointDir(file, list, i);
    if (pointState(at) !== 'done') {
      missing.push(p.name);
      continue;
    }
    const own = ownFile(at, runFiles.metrics);
    if (!own)
      throw new InputError(
        'collect',
        `${join(at, runFiles.metrics)} is not a file of the run folder (a symbolic link?); collect reads only the runs' own files`,
      );
    const metrics = readRunMetrics(own);
    done.push({ name: p.name, values: p.values, ...(p.seed !== undefined ? { seed: p.seed } : {}), setting: p.setting, metrics });
  }
  const settings = summarize(done).map((row) => ({
    ...row,
    top: runFiles.graph,
    files: folderGraphs(
      pointDir(
        file,
        list,
        list.points.findIndex((p) => p.name === row.points[0]),
      ),
    ),
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
  // Each written whole under a temporary name and renamed: never torn, never through a symbolic link.
  writeFileAtomic(join(dir, 'summary.csv'), summaryCsv(list.parameters, settings));
  writeFileAtomic(join(dir, 'metrics-long.csv'), metricsLongCsv(list.parameters, done));
  writeFileAtomic(join(dir, 'report.html'), sweepReportHtml(summary));
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
