import { debounceTime, type Observable, type Subscription } from 'rxjs';
import { type GraphDocument, loadGraphValue } from '../../graph';
import type { Files } from '../doc/history';
import type { Crumb, EditorState } from '../store';

const KEY = 'slidegraph/editor/v1';

export interface Saved {
  files: Files;
  trail: Crumb[];
}

/** The working set survives a reload; edits are written a moment after they stop. */
export function autosave(state$: Observable<EditorState>, storage: Storage = localStorage): Subscription {
  return state$.pipe(debounceTime(300)).subscribe((s) => {
    try {
      storage.setItem(KEY, JSON.stringify({ files: s.files, trail: s.trail }));
    } catch {
      // Storage full or disabled: the editor still works, it just will not restore.
    }
  });
}

/** What was autosaved, every file validated again; null when there is nothing usable. */
export function restore(storage: Storage = localStorage): Saved | null {
  try {
    const raw = storage.getItem(KEY);
    if (!raw) return null;
    const v = JSON.parse(raw) as { files?: Record<string, unknown>; trail?: Crumb[] };
    const files: Record<string, GraphDocument> = {};
    for (const [name, value] of Object.entries(v.files ?? {})) {
      const r = loadGraphValue(value, name);
      if (r.ok) files[name] = r.doc;
    }
    const trail = (v.trail ?? []).filter((c) => typeof c?.file === 'string' && files[c.file]);
    return trail.length ? { files, trail } : null;
  } catch {
    return null;
  }
}

export function clearAutosave(storage: Storage = localStorage): void {
  storage.removeItem(KEY);
}
