import { BehaviorSubject, distinctUntilChanged, map, type Observable } from 'rxjs';
import type { DataShape } from '../../nodes/block';
import type { GraphDocument } from '../graph';
import { validateGraph } from '../graph';
import { subgraphRef } from '../graph/subgraphs';
import { runDataShape } from './doc/dataShape';
import { type Files, openFile } from './doc/files';
import { emptyHistory, type History, record, redo, stepBetween, undo } from './doc/history';
import { resolvePath } from './doc/workspace';

export interface Crumb {
  file: string;
  /** the Subgraph block that was opened to get here (absent for the top level) */
  via?: string;
}

export interface EditorState {
  files: Files;
  /** the breadcrumb; the first entry is the file that runs, the last is the one on the canvas */
  trail: readonly Crumb[];
  history: History;
  selection: readonly string[];
  /** a message for the status line (a refused wire, a refused file) */
  notice: { text: string; level: 'info' | 'error'; at: number; topic?: string } | null;
  /** what the latest edit, undo or redo did, in words: a hot swap is labelled with it */
  change: string;
  /** the shape of a loaded dataset file, which replaces the generator's; null: none loaded */
  loadedData: DataShape | null;
}

/**
 * The one place editor state changes. Documents are replaced, never mutated; every edit goes
 * through `edit`, which records one undo step, so the canvas, inspector and autosave only
 * ever watch `state$`.
 */
export class EditorStore {
  private readonly subject: BehaviorSubject<EditorState>;
  /** edits with the same key in a row merge into one step (typing into one field) */
  private coalesceKey: string | null = null;

  constructor(files: Files, top: string) {
    this.subject = new BehaviorSubject<EditorState>({
      files,
      trail: [{ file: top }],
      history: emptyHistory,
      selection: [],
      notice: null,
      change: '',
      loadedData: null,
    });
  }

  get state(): EditorState {
    return this.subject.value;
  }
  get state$(): Observable<EditorState> {
    return this.subject.asObservable();
  }
  select<T>(f: (s: EditorState) => T): Observable<T> {
    return this.subject.pipe(map(f), distinctUntilChanged());
  }

  get topFile(): string {
    return this.state.trail[0].file;
  }
  get currentFile(): string {
    return this.state.trail[this.state.trail.length - 1].file;
  }
  get current(): GraphDocument {
    return this.state.files[this.currentFile];
  }
  /** the shape of the data the next run trains on: every compile on the page uses it */
  get dataShape(): DataShape {
    return runDataShape(this.state.files[this.topFile], this.state.loadedData);
  }

  private set(patch: Partial<EditorState>): void {
    this.subject.next({ ...this.state, ...patch });
  }

  /**
   * One undoable edit of the file on the canvas. `record: false` is for what the editor does on
   * its own (laying out a file as it opens): the change is kept, but is no step to undo.
   */
  edit(label: string, f: (doc: GraphDocument) => GraphDocument, options: { coalesce?: string; file?: string; record?: false } = {}): void {
    const file = options.file ?? this.currentFile;
    const before = this.state.files;
    const doc = f(before[file]);
    if (doc === before[file]) return;
    const files = { ...before, [file]: doc };
    let history = this.state.history;
    if (options.record === false) {
      this.coalesceKey = null;
      return this.set({ files });
    }
    if (options.coalesce && options.coalesce === this.coalesceKey) {
      const prev = undo(history, before);
      if (prev) history = record({ past: prev.history.past, future: [] }, stepBetween(label, prev.files, files));
    } else history = record(history, stepBetween(label, before, files));
    this.coalesceKey = options.coalesce ?? null;
    this.set({ files, history, change: label, selection: this.state.selection.filter((id) => doc.nodes.some((n) => n.id === id)) });
  }

  /** Ends a run of coalescing edits (a field lost focus). */
  separate(): void {
    this.coalesceKey = null;
  }

  undo(): void {
    const r = undo(this.state.history, this.state.files);
    if (r) this.afterTravel(r.files, r.history, `undid ${r.step.label}`, `undo ${r.step.label}`);
  }
  redo(): void {
    const r = redo(this.state.history, this.state.files);
    if (r) this.afterTravel(r.files, r.history, `redid ${r.step.label}`, `redo ${r.step.label}`);
  }
  private afterTravel(files: Files, history: History, text: string, change: string): void {
    this.coalesceKey = null;
    const doc = files[this.currentFile];
    this.set({
      files,
      history,
      change,
      selection: this.state.selection.filter((id) => doc.nodes.some((n) => n.id === id)),
      notice: { text, level: 'info', at: Date.now() },
    });
  }

  setSelection(ids: readonly string[]): void {
    const same = ids.length === this.state.selection.length && ids.every((id, i) => id === this.state.selection[i]);
    if (!same) this.set({ selection: [...ids] });
  }

  /** A notice with a `topic` can be taken back with `retract` once what it said stops being true. */
  notify(text: string, level: 'info' | 'error' = 'info', topic?: string): void {
    this.set({ notice: { text, level, at: Date.now(), ...(topic ? { topic } : {}) } });
  }

  /** A dataset file was loaded (its shape) or cleared (null): sockets and compiles follow it. */
  setLoadedData(shape: DataShape | null): void {
    this.set({ loadedData: shape });
  }

  /** Clears the status line if it still shows the notice on `topic`. */
  retract(topic: string): void {
    if (this.state.notice?.topic === topic) this.set({ notice: null });
  }

  /** Opens the sub-graph a Subgraph block names; it must be among the open files. */
  enter(nodeId: string): boolean {
    const node = this.current.nodes.find((n) => n.id === nodeId);
    const ref = node && subgraphRef(node);
    if (ref === undefined) return false;
    const file = resolvePath(ref, this.currentFile);
    if (!openFile(this.state.files, file)) {
      this.notify(`sub-graph '${file}' is not open: open or drop that file first`, 'error');
      return false;
    }
    this.coalesceKey = null;
    this.set({ trail: [...this.state.trail, { file, via: nodeId }], selection: [] });
    return true;
  }

  /** Goes back up the breadcrumb to entry `depth` (0: the top level). */
  leave(depth = this.state.trail.length - 2): void {
    if (depth < 0 || depth >= this.state.trail.length - 1) return;
    const via = this.state.trail[depth + 1].via;
    this.coalesceKey = null;
    this.set({ trail: this.state.trail.slice(0, depth + 1), selection: via ? [via] : [] });
  }

  /** Replaces the working set (a file was opened): not undoable, history starts over. */
  open(files: Files, top: string, trail: readonly Crumb[] = [{ file: top }]): void {
    this.coalesceKey = null;
    this.set({ files, trail, history: emptyHistory, selection: [] });
  }

  /** Adds files (sub-graphs dropped on the editor) without touching the history. */
  addFiles(files: Files): void {
    this.set({ files: { ...this.state.files, ...files } });
  }

  /** Errors the current document would have on save; [] when it is valid. */
  validate(file = this.currentFile): string[] {
    return validateGraph(this.state.files[file], file).map((e) => e.message);
  }
}
