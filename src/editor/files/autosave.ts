import { debounceTime, type Observable, type Subscription, tap } from 'rxjs';
import { type GraphDocument, loadGraphValue } from '../../graph';
import { type Files, unusableFileName } from '../doc/files';
import type { Crumb, EditorState } from '../store';

/** Every key this editor writes starts with the namespace and the storage format's version. */
export const STORAGE_PREFIX = 'slidegraph:v1:';
const KEY = `${STORAGE_PREFIX}autosave`;
/** Where an autosave that could not be restored is kept, so nothing the user made is thrown away. */
export const SET_ASIDE_KEY = `${STORAGE_PREFIX}autosave-set-aside`;
/** The key of the first editor versions; read once, then moved under the namespace. */
const OLD_KEY = 'slidegraph/editor/v1';

export interface Saved {
  files: Files;
  trail: Crumb[];
  /** set when part or all of the autosave was set aside; the editor shows it */
  notice?: string;
}

/**
 * The working set survives a reload: edits are written a moment after they stop, and an edit
 * still waiting is written when the page goes away (`pagehide`: reload, close, navigation).
 */
export function autosave(
  state$: Observable<EditorState>,
  storage: Storage = localStorage,
  page: Pick<EventTarget, 'addEventListener' | 'removeEventListener'> | undefined = globalThis.window,
): Subscription {
  let waiting: EditorState | null = null;
  const write = (s: EditorState) => {
    waiting = null;
    try {
      storage.setItem(KEY, JSON.stringify({ files: s.files, trail: s.trail }));
    } catch {
      // Storage full or disabled: the editor still works, it just will not restore.
    }
  };
  const flush = () => waiting && write(waiting);
  const sub = state$
    .pipe(
      tap((s) => (waiting = s)),
      debounceTime(300),
    )
    .subscribe(write);
  page?.addEventListener('pagehide', flush);
  sub.add(() => page?.removeEventListener('pagehide', flush));
  return sub;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * What was autosaved, every file validated again. A corrupt or hostile autosave never leaves a
 * blank page: what is usable is restored, the raw text is kept under SET_ASIDE_KEY, and the
 * notice says so. Null when there was nothing saved.
 */
export function restore(storage: Storage = localStorage): Saved | null {
  let raw: string | null;
  try {
    raw = storage.getItem(KEY) ?? storage.getItem(OLD_KEY);
  } catch {
    return null;
  }
  if (!raw) return null;
  const refused: string[] = [];
  const files: Files = {};
  let trail: Crumb[] = [];
  try {
    const v: unknown = JSON.parse(raw);
    if (!isObject(v) || !isObject(v.files) || !Array.isArray(v.trail)) throw new Error('not an autosave');
    for (const [name, value] of Object.entries(v.files)) {
      if (unusableFileName(name)) {
        refused.push(`'${name}' is not a usable file name`);
        continue;
      }
      const r = loadGraphValue(value, name);
      if (r.ok) Object.defineProperty(files, name, { value: r.doc, enumerable: true, writable: true, configurable: true });
      else refused.push(`'${name}': ${r.errors[0].message}`);
    }
    trail = v.trail
      .filter((c): c is Crumb => isObject(c) && typeof c.file === 'string' && Object.hasOwn(files, c.file))
      .map((c) => ({ file: c.file, ...(typeof c.via === 'string' ? { via: c.via } : {}) }));
    if (trail.length === 0 && Object.keys(files).length > 0) refused.push('the list of open files is damaged');
  } catch {
    refused.push('the autosave is damaged');
  }
  try {
    storage.removeItem(OLD_KEY);
    if (refused.length) {
      storage.setItem(SET_ASIDE_KEY, raw);
      storage.removeItem(KEY);
    }
  } catch {
    // storage read-only or full: the notice still tells the user
  }
  const notice = refused.length
    ? `The autosave could not be restored in full (${refused.slice(0, 3).join('; ')}${refused.length > 3 ? '; …' : ''}). It was set aside under the storage key '${SET_ASIDE_KEY}'.`
    : undefined;
  if (trail.length === 0) return notice ? { files: {}, trail: [], notice } : null;
  return { files: files as Record<string, GraphDocument>, trail, ...(notice ? { notice } : {}) };
}

export function clearAutosave(storage: Storage = localStorage): void {
  storage.removeItem(KEY);
  storage.removeItem(OLD_KEY);
}
