import { type GraphDocument, loadGraphValue } from '../../graph';
import { parseSummary, type SweepSummary } from '../../run/summaryFile';
import type { Files } from '../doc/files';

/** Picked or dropped files split into sweep summaries (summary.json from `collect`) and the rest. */
export async function splitSweepSummaries(list: File[]): Promise<{ summaries: SweepSummary[]; others: File[]; refused: string[] }> {
  const summaries: SweepSummary[] = [];
  const others: File[] = [];
  const refused: string[] = [];
  for (const f of list) {
    let value: unknown;
    try {
      value = JSON.parse(await f.text());
    } catch {
      others.push(f); // the graph reader says what is wrong with it
      continue;
    }
    if ((value as { format?: unknown } | null)?.format !== 'slidegraph/sweep-summary') {
      others.push(f);
      continue;
    }
    const r = parseSummary(value);
    if (r.ok) summaries.push(r.summary);
    else refused.push(`${f.name}: ${r.error}`);
  }
  return { summaries, others, refused };
}

/**
 * A setting's graph files, under `sweep/<its first point>/` so that its sub-graph references
 * (`fig2-main@main.json`) resolve beside it; each goes through the graph loader.
 */
export function settingFiles(s: SweepSummary, index: number): { files: Files; top: string } | { error: string } {
  const row = s.settings[index];
  const folder = `sweep/${row.points[0]}`;
  // Without this the editor would open a file that is not there: a blank canvas.
  if (!Object.hasOwn(row.files, row.top)) {
    const names = Object.keys(row.files);
    const have = names.length
      ? `it has ${names.slice(0, 3).join(', ')}${names.length > 3 ? ` and ${names.length - 3} more` : ''}`
      : 'it has none';
    return { error: `its graph ${row.top} is not among its files (${have}); run collect on the sweep folder again` };
  }
  const files: Record<string, GraphDocument> = {};
  for (const [name, doc] of Object.entries(row.files)) {
    const r = loadGraphValue(doc, `${folder}/${name}`);
    if (!r.ok) return { error: r.errors[0].message };
    files[`${folder}/${name}`] = r.doc;
  }
  return { files, top: `${folder}/${row.top}` };
}
