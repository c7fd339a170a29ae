import type { GraphDocument } from '../../graph';
import { applyDiff, type DocDiff, diffDocs, invertDiff, isEmptyDiff } from './diff';
import { type Files, openFile } from './files';

/** One undoable step: what changed in which files, with a label for the menu. */
export interface Step {
  label: string;
  changes: { file: string; diff: DocDiff }[];
}

export interface History {
  past: readonly Step[];
  future: readonly Step[];
}

export const emptyHistory: History = { past: [], future: [] };
const HISTORY_LIMIT = 200;

/** The step from one set of files to another; null when nothing changed. */
export function stepBetween(label: string, before: Files, after: Files): Step | null {
  const changes: Step['changes'] = [];
  for (const file of new Set([...Object.keys(before), ...Object.keys(after)])) {
    const a = openFile(before, file);
    const b = openFile(after, file);
    if (!a || !b || a === b) continue; // opening or closing a file is not an edit
    const diff = diffDocs(a, b);
    if (!isEmptyDiff(diff)) changes.push({ file, diff });
  }
  return changes.length ? { label, changes } : null;
}

export function record(h: History, step: Step | null): History {
  if (!step) return h;
  return { past: [...h.past, step].slice(-HISTORY_LIMIT), future: [] };
}

function replay(files: Files, step: Step, backwards: boolean): Files {
  const out: Record<string, GraphDocument> = { ...files };
  const changes = backwards ? [...step.changes].reverse() : step.changes;
  for (const { file, diff } of changes) {
    const doc = openFile(out, file);
    if (doc) out[file] = applyDiff(doc, backwards ? invertDiff(diff) : diff);
  }
  return out;
}

export function undo(h: History, files: Files): { history: History; files: Files; step: Step } | null {
  const step = h.past[h.past.length - 1];
  if (!step) return null;
  return { history: { past: h.past.slice(0, -1), future: [...h.future, step] }, files: replay(files, step, true), step };
}

export function redo(h: History, files: Files): { history: History; files: Files; step: Step } | null {
  const step = h.future[h.future.length - 1];
  if (!step) return null;
  return { history: { past: [...h.past, step], future: h.future.slice(0, -1) }, files: replay(files, step, false), step };
}
