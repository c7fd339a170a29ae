import { existsSync, writeFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import type { GraphDocument } from '../graph';
import { subgraphRefs } from '../graph/subgraphs';
import { sweepReportHtml } from '../report/sweep';
import { type PointResult, summarize, summaryCsv } from '../run/summary';
import { type SweepSummary, settingLabel } from '../run/summaryFile';
import type { SweepPointList } from '../run/sweep';
import { InputError } from '../util/inputError';
import { readJson } from './files';
import { readRunMetrics } from './metricsFile';
import { pointDir } from './pointFolder';
import { pointState, readPointList } from './points';
import { runFiles, writeJson } from './runFolder';

/** A run folder's graph.json and the sub-graph files beside it, by name. */
function folderGraphs(dir: string): Record<string, GraphDocument> {
  const files: Record<string, GraphDocument> = {};
  const visit = (name: string) => {
    if (files[name] || !existsSync(join(dir, name))) return;
    const doc = readJson(join(dir, name)) as GraphDocument;
    files[name] = doc;
    for (const { ref } of doc.nodes ? subgraphRefs(doc) : []) if (ref) visit(normalize(join(dirname(name), ref)));
  };
  visit(runFiles.graph);
  return files;
}

/** Reads a sweep folder's finished points and writes summary.json, summary.csv and report.html. */
export function collectSweep(dir: string): SweepSummary {
  const file = join(dir, 'sweep.json');
  if (!existsSync(file)) throw new InputError('DIR', `${dir} has no sweep.json: collect reads a folder written by sweep`);
  const list = readPointList(file, 'slidegraph/sweep-points') as SweepPointList;
  const done: PointResult[] = [];
  const missing: string[] = [];
  for (const [i, p] of list.points.entries()) {
    const at = pointDir(file, list, i);
    if (pointState(at) !== 'done') {
      missing.push(p.name);
      continue;
    }
    const metrics = readRunMetrics(join(at, runFiles.metrics));
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
  writeFileSync(join(dir, 'summary.csv'), summaryCsv(list.parameters, settings));
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
  lines.push(`wrote ${join(dir, 'summary.json')}, ${join(dir, 'summary.csv')} and ${join(dir, 'report.html')}`);
  return `${lines.join('\n')}\n`;
}
