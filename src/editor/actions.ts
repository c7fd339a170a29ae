import type { GraphConnection, ParamValue } from '../graph';
import { serializeGraph } from '../graph';
import { type SweepSummary, settingLabel } from '../run/summaryFile';
import type { Canvas } from './canvas/canvas';
import { BLOCK_MIME, parseBlockDrag } from './doc/catalogue';
import { copyNodes, type Fragment, fragmentText, parseFragment, pasteFragment } from './doc/clipboard';
import { addNode, connect, disconnect, moveNodes, type Position, removeNodes, setParam } from './doc/ops';
import { download, pickFiles, readGraphFiles, saveName } from './files/io';
import { settingFiles, splitSweepSummaries } from './files/sweepFile';
import type { EditorStore } from './store';

/** Editing commands shared by buttons, the palette, the inspector and the keyboard. */
export class EditorActions {
  private clipboard: Fragment | null = null;
  private pastes = 0;
  /** shows a sweep summary that was opened or dropped (set by the app) */
  onSweep: ((s: SweepSummary) => void) | null = null;

  constructor(
    private readonly store: EditorStore,
    private readonly canvas: Canvas,
  ) {}

  /** New blocks land in the middle of what the user is looking at. */
  private viewCentre(): Position {
    const { x, y, k } = this.canvas.area.area.transform;
    const r = this.canvas.container.getBoundingClientRect();
    return { x: Math.round((r.width / 2 - x) / k - 100), y: Math.round((r.height / 2 - y) / k - 40) };
  }

  /**
   * `at` is the block's top-left corner in canvas coordinates (a menu or a drop); without it the
   * block goes to the free spot nearest the middle of the view.
   */
  addBlock(type: string, params: Record<string, ParamValue> = {}, at: Position = this.canvas.freeSpot(this.viewCentre())): string {
    let id = '';
    this.store.edit(`add ${type}`, (d) => {
      const r = addNode(d, type, { x: Math.round(at.x), y: Math.round(at.y) }, params);
      id = r.id;
      return r.doc;
    });
    this.store.setSelection([id]);
    return id;
  }

  setParam(id: string, name: string, value: ParamValue): void {
    this.store.edit(`set ${id}.${name} = ${value}`, (d) => setParam(d, id, name, value), { coalesce: `param:${id}.${name}` });
  }

  deleteSelection(): void {
    this.deleteBlocks(this.store.state.selection);
  }

  deleteBlocks(ids: readonly string[]): void {
    if (ids.length) this.store.edit(`delete ${plural(ids.length)}`, (d) => removeNodes(d, ids));
  }

  /** A wire chosen from the keyboard; the wire dialog offers only those the check allows. */
  connect(c: GraphConnection): void {
    this.store.edit('connect', (d) => connect(d, c));
  }

  deleteWire(c: GraphConnection): void {
    this.store.edit('disconnect', (d) => disconnect(d, c));
  }

  /** Copy and paste in one go, without touching the clipboard. */
  duplicate(ids: readonly string[]): void {
    this.insert('duplicate', copyNodes(this.store.current, ids), { x: 40, y: 40 });
  }

  copy(): void {
    const ids = this.store.state.selection;
    if (!ids.length) return;
    this.clipboard = copyNodes(this.store.current, ids);
    this.pastes = 0;
    void navigator.clipboard?.writeText(fragmentText(this.clipboard)).catch(() => undefined);
  }

  cut(): void {
    this.copy();
    this.deleteSelection();
  }

  async paste(): Promise<void> {
    // The system clipboard only matters for a fragment copied in another tab.
    const fragment = this.clipboard ?? (await navigator.clipboard?.readText().then(parseFragment, () => null));
    if (!fragment?.nodes.length) return;
    const step = 40 * ++this.pastes;
    this.insert('paste', fragment, { x: step, y: step });
  }

  /** One step; a fragment that would leave the file invalid is taken back out, with the reason. */
  private insert(verb: string, fragment: Fragment, offset: Position): void {
    if (!fragment.nodes.length) return;
    let ids: string[] = [];
    this.store.edit(`${verb} ${plural(fragment.nodes.length)}`, (d) => {
      const r = pasteFragment(d, fragment, offset);
      ids = r.ids;
      return r.doc;
    });
    const invalid = this.store.validate();
    if (invalid.length) {
      this.store.undo();
      this.store.notify(`${verb} refused: ${invalid[0]}`, 'error');
      return;
    }
    this.store.setSelection(ids);
  }

  selectAll(): void {
    this.store.setSelection(this.store.current.nodes.map((n) => n.id));
  }

  nudge(dx: number, dy: number): void {
    const ids = new Set(this.store.state.selection);
    const moves = new Map(
      this.store.current.nodes.filter((n) => ids.has(n.id)).map((n) => [n.id, { x: n.position.x + dx, y: n.position.y + dy }]),
    );
    this.store.edit('move', (d) => moveNodes(d, moves));
  }

  /** The toolbar's commands; `help` and `reset` belong to the page. */
  command(name: string, page: { help(): void; reset(): void }): void {
    const go: Record<string, () => unknown> = {
      open: () => this.open(),
      save: () => this.save(),
      undo: () => this.store.undo(),
      redo: () => this.store.redo(),
      arrange: () => this.canvas.arrange(),
      fit: () => this.canvas.zoomToFit(),
      help: page.help,
      reset: page.reset,
    };
    void go[name]?.();
  }

  /** A palette block dropped at `at`, or graph files dropped anywhere. */
  drop(data: DataTransfer | null, at: Position): void {
    const block = parseBlockDrag(data?.getData(BLOCK_MIME) ?? '');
    if (block) return void this.addBlock(block.type, block.params, at);
    const files = [...(data?.files ?? [])];
    if (files.length) void this.open(files);
  }

  async open(files?: File[]): Promise<void> {
    const picked = files ?? (await pickFiles('.json,application/json'));
    const { summaries, others: list, refused } = await splitSweepSummaries(picked);
    if (refused.length) this.store.notify(`refused: ${refused.join('; ')}`, 'error');
    if (summaries.length) this.onSweep?.(summaries[0]);
    if (!list.length) return;
    const r = await readGraphFiles(list);
    if (r.refused.length) this.store.notify(`refused: ${r.refused.join('; ')}`, 'error');
    if (!r.top) return;
    this.store.open({ ...this.store.state.files, ...r.files }, r.top);
    if (!r.refused.length) this.store.notify(`opened ${Object.keys(r.files).join(', ')}`);
  }

  /** Opens one setting of a sweep summary as its graph (with the values that setting trained); false when it cannot. */
  openSetting(s: SweepSummary, index: number): boolean {
    const r = settingFiles(s, index);
    if ('error' in r) {
      this.store.notify(`cannot open the setting ${settingLabel(s.settings[index].values)}: ${r.error}`, 'error');
      return false;
    }
    this.store.open({ ...this.store.state.files, ...r.files }, r.top);
    this.store.notify(`opened ${r.top}`);
    return true;
  }

  save(): void {
    const file = this.store.currentFile;
    try {
      download(saveName(file, this.store.state.files), serializeGraph(this.store.current));
      this.store.notify(`saved ${file}`);
    } catch (e) {
      this.store.notify(`cannot save: ${e instanceof Error ? e.message : String(e)}`, 'error');
    }
  }

  openSelected(): void {
    const id = this.store.state.selection[0];
    if (id) this.openBlock(id);
  }

  openBlock(id: string): void {
    this.store.enter(id);
  }

  /** Keyboard use of the canvas; keys typed into fields are left alone. */
  keydown(e: KeyboardEvent): void {
    if (typingIn(e)) return;
    const target = e.composedPath()[0] as HTMLElement | undefined;
    // Enter and Space on a focused button press the button.
    if ((e.key === 'Enter' || e.key === ' ') && target && ['BUTTON', 'A', 'SUMMARY'].includes(target.tagName)) return;
    const mod = e.ctrlKey || e.metaKey;
    const key = e.key.toLowerCase();
    const run = (f: () => void) => {
      e.preventDefault();
      f();
    };
    if (mod && key === 'z') return run(() => (e.shiftKey ? this.store.redo() : this.store.undo()));
    if (mod && key === 'y') return run(() => this.store.redo());
    if (mod && key === 'c') return run(() => this.copy());
    if (mod && key === 'x') return run(() => this.cut());
    if (mod && key === 'v') return run(() => void this.paste());
    if (mod && key === 'a') return run(() => this.selectAll());
    if (mod && key === 's') return run(() => this.save());
    if (mod && key === 'o') return run(() => void this.open());
    if (mod || e.altKey) return;
    if (key === 'delete' || key === 'backspace') return run(() => this.deleteSelection());
    if (key === 'enter') return run(() => this.openSelected());
    if (key === 'escape') return run(() => this.store.leave());
    if (key === 'f') return run(() => void this.canvas.zoomToFit());
    if (key === 'l') return run(() => void this.canvas.arrange());
    const arrows: Record<string, [number, number]> = { arrowleft: [-20, 0], arrowright: [20, 0], arrowup: [0, -20], arrowdown: [0, 20] };
    if (arrows[key] && this.store.state.selection.length) return run(() => this.nudge(...arrows[key]));
  }
}

/** Keys typed into a field belong to the field. */
export function typingIn(e: KeyboardEvent): boolean {
  const t = e.composedPath()[0] as HTMLElement | undefined;
  return !!t && (t.isContentEditable || ['INPUT', 'SELECT', 'TEXTAREA'].includes(t.tagName));
}

const plural = (n: number) => `${n} block${n > 1 ? 's' : ''}`;
