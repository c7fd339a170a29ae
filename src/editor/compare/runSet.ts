import { loadGraphValue } from '../../graph';
import { parseRunMetrics } from '../../train/metricsFormat';

/** One run folder as the comparison shows it: its settings, its curves and where it ended. */
export interface ComparedRun {
  /** the folder, as the picked files name it */
  name: string;
  /** the run section's values and every block parameter, by dotted key (`training.learningRate`, `beta.factor`) */
  settings: Record<string, string | number | boolean>;
  epochs: { epoch: number; loss: number; testError: number }[];
  final: { epochs: number; loss: number; testErrorPercent: number };
}

type Value = string | number | boolean;

function flatten(value: unknown, prefix: string, out: Record<string, Value>): void {
  if (value === null || value === undefined) return;
  if (typeof value === 'object' && !Array.isArray(value)) {
    for (const [k, v] of Object.entries(value)) flatten(v, prefix ? `${prefix}.${k}` : k, out);
  } else if (typeof value !== 'object') out[prefix] = value as Value;
}

const folderOf = (path: string) => (path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : '.');

/**
 * Run folders among picked files (a folder of runs, a sweep folder, or several run folders):
 * every `metrics.json` is a run, read through its schema, with the `graph.json` beside it for
 * its settings. A file that does not read is refused with its reason; the others still count.
 */
export function readRunSet(files: readonly { path: string; text: string }[]): { runs: ComparedRun[]; refused: string[] } {
  const runs: ComparedRun[] = [];
  const refused: string[] = [];
  const byPath = new Map(files.map((f) => [f.path, f.text]));
  for (const f of files) {
    if (!/(^|\/)metrics\.json$/.test(f.path)) continue;
    const folder = folderOf(f.path);
    try {
      const m = parseRunMetrics(JSON.parse(f.text), f.path);
      if (!m.epochs.length) continue; // a run that has not finished an epoch has nothing to compare
      const settings: Record<string, Value> = {};
      const graphText = byPath.get(`${folder}/graph.json`);
      if (graphText) {
        const g = loadGraphValue(JSON.parse(graphText), `${folder}/graph.json`);
        if (!g.ok) throw new Error(g.errors[0].message);
        const { edits: _, ...run } = g.doc.run ?? { data: {}, training: {} };
        flatten(run, '', settings);
        for (const n of g.doc.nodes) flatten(n.params, n.id, settings);
      }
      const epochs = m.epochs.map((e) => ({ epoch: e.epoch, loss: e.train.total, testError: e.testErrorPercent }));
      const last = epochs[epochs.length - 1];
      runs.push({ name: folder, settings, epochs, final: { epochs: last.epoch, loss: last.loss, testErrorPercent: last.testError } });
    } catch (e) {
      refused.push(`${f.path}: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  runs.sort((a, b) => a.name.localeCompare(b.name));
  return { runs: withoutCommonFolder(runs), refused };
}

/** Runs named from the folder they share (the picked folder), so the table shows what differs. */
function withoutCommonFolder(runs: ComparedRun[]): ComparedRun[] {
  const parts = runs.map((r) => r.name.split('/'));
  let common = 0;
  while (parts.every((p) => p.length > common + 1 && p[common] === parts[0][common])) common++;
  return runs.map((r, i) => ({ ...r, name: parts[i].slice(common).join('/') }));
}

/** The settings that differ between the runs: the axes of a sweep (seeds included). */
export function sweptKeys(runs: readonly ComparedRun[]): string[] {
  const keys = [...new Set(runs.flatMap((r) => Object.keys(r.settings)))].sort();
  return keys.filter((k) => new Set(runs.map((r) => JSON.stringify(r.settings[k] ?? null))).size > 1);
}

/** Seeds are what the error bars average over, not an axis to plot against. */
export const isSeed = (key: string) => /(^|\.)seed$/.test(key);

/** TensorBoard's smoothing: an exponential moving average, debiased so the first points are not pulled to 0. */
export function smooth(values: readonly number[], weight: number): number[] {
  let last = 0;
  return values.map((v, i) => {
    last = last * weight + (1 - weight) * v;
    return last / (1 - weight ** (i + 1));
  });
}

/** A final metric against one setting: mean and sample sd over the runs that share its value (seeds). */
export function againstSetting(
  runs: readonly ComparedRun[],
  key: string,
  metric: 'loss' | 'testErrorPercent',
): { x: Value; mean: number; sd: number | null; n: number }[] {
  const groups = new Map<string, { x: Value; values: number[] }>();
  for (const r of runs) {
    const x = r.settings[key];
    if (x === undefined) continue;
    const id = JSON.stringify(x);
    if (!groups.has(id)) groups.set(id, { x, values: [] });
    groups.get(id)!.values.push(r.final[metric]);
  }
  const out = [...groups.values()].map(({ x, values }) => {
    const n = values.length;
    const mean = values.reduce((a, b) => a + b, 0) / n;
    const sd = n > 1 ? Math.sqrt(values.reduce((a, v) => a + (v - mean) ** 2, 0) / (n - 1)) : null;
    return { x, mean, sd, n };
  });
  return out.sort((a, b) => (typeof a.x === 'number' && typeof b.x === 'number' ? a.x - b.x : String(a.x).localeCompare(String(b.x))));
}
