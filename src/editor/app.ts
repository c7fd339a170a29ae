import { html, LitElement, nothing } from 'lit';
import type { Subscription } from 'rxjs';
import type { GraphConnection } from '../graph';
import type { SweepSummary } from '../run/summaryFile';
import { EditorActions, typingIn } from './actions';
import { Canvas } from './canvas/canvas';
import { socketTypesOf } from './canvas/reconcile';
import { BLOCK_MIME } from './doc/catalogue';
import { compileOpenFile } from './doc/compile';
import type { Files } from './doc/files';
import { wireChoices } from './doc/sockets';
import { otherFiles } from './doc/workspace';
import { autosave, clearAutosave, restore } from './files/autosave';
import { DEFAULT_GRAPH } from './files/library';
import { RunActions } from './run/runActions';
import { RunClient } from './run/runClient';
import { type EditorState, EditorStore } from './store';
import { appCss } from './ui/appCss';
import './ui/charts';
import './ui/palette';
import './ui/splitter';
import './ui/sweepView';
import './ui/toolbar';
import './ui/wireDialog';
import { addPageStyle } from './ui/pageStyle';
import { sidePanel } from './ui/sidePanel';
import { StreamController } from './ui/stream';
import { shortcuts } from './ui/toolbar';

/** The smallest charts dock a drag leaves: the charts at their smallest, legends and titles. */
const DOCK_MIN = 200;

/** The editor page: toolbar, palette, canvas, inspector, run panel and charts around one store. */
export class AppElement extends LitElement {
  static override properties = {
    help: { state: true },
    dropping: { state: true },
    wiring: { state: true },
    dock: { state: true },
    sweep: { state: true },
  };
  /** the shipped graphs */
  library: Files = {};
  wasmPaths?: Record<string, string>;
  /** restore and write the autosave (tests turn it off) */
  persist = true;
  help = false;
  dropping = false;
  /** the block being wired from the keyboard, or '' */
  wiring = '';
  /** the charts dock's height in pixels: a strip until a run starts, so the graph gets the room */
  dock = 30;
  /** a sweep summary on show (opened or dropped summary.json) */
  sweep: SweepSummary | null = null;
  store!: EditorStore;
  canvas!: Canvas;
  actions!: EditorActions;
  client = new RunClient();
  runActions!: RunActions;
  private subs: Subscription[] = [];
  private readonly view = new StreamController<EditorState | null>(this, () => this.store?.state$, null);

  // Light DOM: the canvas's blocks live in this element, and page styles must reach them.
  protected override createRenderRoot() {
    addPageStyle('app', appCss);
    return this;
  }

  override connectedCallback(): void {
    if (!this.store) {
      const saved = this.persist ? restore() : null;
      const top = this.library[DEFAULT_GRAPH] ? DEFAULT_GRAPH : Object.keys(this.library)[0];
      this.store = new EditorStore(this.library, top);
      if (saved?.trail.length) this.store.open({ ...this.library, ...saved.files }, saved.trail[0].file, saved.trail);
      if (saved?.notice) this.store.notify(saved.notice, 'error');
      this.runActions = new RunActions(this.store, this.client, this.wasmPaths);
      this.subs.push(this.client.notes$.subscribe((n) => this.store.notify(n.text, n.level)));
      if (this.persist) this.subs.push(autosave(this.store.state$));
      // A run opens the charts dock far enough to watch the loss, and refits the graph above it.
      this.subs.push(this.client.started$.subscribe(() => this.dock < 240 && this.openDock()));
    }
    super.connectedCallback();
    // On the document: shortcuts work when the focus is on the page itself, too.
    document.addEventListener('keydown', this.onKey);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    document.removeEventListener('keydown', this.onKey);
  }

  /** Ends the page's editor for good (tests). */
  destroy(): void {
    this.subs.forEach((s) => s.unsubscribe());
    this.runActions.destroy();
    this.canvas.destroy();
    this.client.destroy();
  }

  protected override firstUpdated(): void {
    this.canvas = new Canvas(this.querySelector<HTMLElement>('#canvas')!, this.store);
    this.actions = new EditorActions(this.store, this.canvas);
    this.canvas.useMenu(this.actions);
    this.actions.onSweep = (s) => (this.sweep = s);
    const idle = window.requestIdleCallback ?? ((f: () => void) => setTimeout(f, 200));
    idle(() => this.client.warmUp());
  }

  private readonly onKey = (e: KeyboardEvent) => {
    if (e.defaultPrevented || !this.actions) return;
    const key = typingIn(e) ? '' : e.key;
    const one = this.store.state.selection.length === 1 && !e.ctrlKey && !e.metaKey;
    if (this.help && e.key === 'Escape') this.help = false;
    else if (key === '?') this.help = !this.help;
    else if (key.toLowerCase() === 'w' && one) this.wiring = this.store.state.selection[0];
    else return this.actions.keydown(e);
    e.preventDefault();
  };

  /** The dock keeps room for the charts, and the canvas keeps room for a few blocks. */
  private resizeDock(by: number): void {
    this.dock = Math.max(DOCK_MIN, Math.min(window.innerHeight - 240, this.dock + by));
  }

  /** Opens the dock as far as the graph above stays readable fitted (labels ≥ 10 px), within DOCK_MIN..290 px. */
  private openDock(): void {
    this.dock = Math.max(DOCK_MIN, Math.min(290, this.canvas.container.clientHeight + this.dock - this.canvas.readableHeight()));
    void this.updateComplete.then(() => this.canvas?.showReadable());
  }

  private wire(c: GraphConnection | null): void {
    if (c) this.actions.connect(c);
    this.canvas.focusNode(this.wiring);
    this.wiring = '';
  }

  private openSetting(index: number): void {
    // The view stays open when the setting cannot be opened, beside the notice that says why.
    if (!this.sweep || !this.actions.openSetting(this.sweep, index)) return;
    this.sweep = null;
    this.client.clear(); // the last run's curves are not the sweep point's
  }

  private command(name: string): void {
    const reset = () => {
      clearAutosave();
      this.store.open(this.library, DEFAULT_GRAPH);
    };
    this.actions.command(name, { help: () => (this.help = !this.help), reset });
  }

  private dragOver(e: DragEvent): void {
    e.preventDefault();
    // The dashed outline invites files; a palette block needs no invitation.
    if (e.dataTransfer?.types.includes(BLOCK_MIME)) e.dataTransfer.dropEffect = 'copy';
    else this.dropping = true;
  }

  private drop(e: DragEvent): void {
    e.preventDefault();
    this.dropping = false;
    this.actions.drop(e.dataTransfer, this.canvas.toCanvasPoint(e.clientX, e.clientY));
  }

  protected override render() {
    const s = this.view.value;
    if (!s) return nothing;
    const file = this.store.currentFile;
    const compiled = compileOpenFile(s.files, file, this.store.dataShape);
    const node = s.selection.length === 1 ? (this.store.current.nodes.find((n) => n.id === s.selection[0]) ?? null) : null;
    const choices = this.wiring ? wireChoices(this.store.current, file, s.files, socketTypesOf(compiled), this.wiring) : [];
    this.style.setProperty('--dock', `${this.dock}px`);
    // The canvas comes first in tab order: Tab, then Tab again, reaches the first block.
    return html`<div id="canvas" class=${this.dropping ? 'drop' : ''} aria-label="graph canvas" role="application"
        @dragover=${(e: DragEvent) => this.dragOver(e)} @dragleave=${() => (this.dropping = false)} @drop=${(e: DragEvent) => this.drop(e)}></div>
      <sg-toolbar .trail=${s.trail} ?canUndo=${s.history.past.length > 0} ?canRedo=${s.history.future.length > 0}
        @command=${(e: CustomEvent) => this.command(e.detail.name)} @crumb=${(e: CustomEvent) => this.store.leave(e.detail.depth)}></sg-toolbar>
      <sg-palette .graphs=${otherFiles(s.files, file)} @add-block=${(e: CustomEvent) => this.actions.addBlock(e.detail.type, e.detail.params)}></sg-palette>
      ${sidePanel(this, compiled, node)}
      <sg-splitter class="dock-bar" @resize=${(e: CustomEvent) => this.resizeDock(e.detail.by)}></sg-splitter>
      <section class="dock" aria-label="charts"><sg-charts .state$=${this.client.state$}></sg-charts></section>
      <div class="status ${s.notice?.level === 'error' ? 'error' : ''}" role="status" aria-live="polite" data-testid="notice">${s.notice?.text ?? ''}</div>
      ${
        this.sweep
          ? html`<sg-sweep-view .summary=${this.sweep} @sweep-close=${() => (this.sweep = null)}
        @open-setting=${(e: CustomEvent) => this.openSetting(e.detail.index)}></sg-sweep-view>`
          : nothing
      }
      ${this.help ? html`<div class="help" role="dialog" aria-label="keyboard shortcuts"><table>${shortcuts.map(([k, v]) => html`<tr><th>${k}</th><td>${v}</td></tr>`)}</table></div>` : nothing}
      ${this.wiring ? html`<sg-wire-dialog .block=${this.wiring} .choices=${choices} @wire=${(e: CustomEvent) => this.wire(e.detail.connection)} @close=${() => this.wire(null)}></sg-wire-dialog>` : nothing}`;
  }
}
customElements.define('sg-app', AppElement);
