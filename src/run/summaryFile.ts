import summarySchema from '../../schema/sweep-summary.schema.json' with { type: 'json' };
import type { GraphDocument } from '../graph';
import { schemaCheck } from '../util/ajv';
import type { SettingSummary } from './summary';

/** DIR/summary.json (schema/sweep-summary.schema.json), read by the editor's sweep view. */
export interface SweepSummary {
  format: 'slidegraph/sweep-summary';
  version: 1;
  graph: string;
  parameters: string[];
  missing: string[];
  settings: (SettingSummary & { top: string; files: Record<string, GraphDocument> })[];
}

const check = schemaCheck(summarySchema);

/** The summary, or the first problem as `path: what is wrong`. */
export function parseSummary(value: unknown): { ok: true; summary: SweepSummary } | { ok: false; error: string } {
  const problem = check(value);
  return problem ? { ok: false, error: problem } : { ok: true, summary: value as SweepSummary };
}

/** The settings as plotted: test error against one parameter, a line for each value of the others. */
export function byParameter(s: SweepSummary, parameter: string, statName = 'testErrorPercent') {
  const others = s.parameters.filter((p) => p !== parameter);
  const key = (v: Record<string, unknown>) =>
    others.map((p) => `${p}=${typeof v[p] === 'string' ? v[p] : JSON.stringify(v[p])}`).join(', ');
  const groups = new Map<string, { x: unknown; mean: number; sd: number | null }[]>();
  for (const row of s.settings) {
    const st = row.stats[statName];
    if (!st) continue;
    const k = key(row.values);
    const point = { x: row.values[parameter], mean: st.mean, sd: st.sd };
    const group = groups.get(k);
    if (group) group.push(point);
    else groups.set(k, [point]);
  }
  return [...groups].map(([label, points]) => ({ label, points }));
}

/** A setting's values as one line, e.g. `beta.factor=0.1, main/gru.units=16`. */
export const settingLabel = (values: Record<string, unknown>) =>
  Object.entries(values)
    .map(([p, v]) => `${p}=${typeof v === 'string' ? v : JSON.stringify(v)}`)
    .join(', ') || 'the graph as written';
