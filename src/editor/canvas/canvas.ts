import { type LitArea2D, LitPlugin, Presets } from '@retejs/lit-plugin';
import { NodeEditor } from 'rete';
import { AreaExtensions, AreaPlugin } from 'rete-area-plugin';
import { ClassicFlow, ConnectionPlugin, getSourceTarget } from 'rete-connection-plugin';
import type { Subscription } from 'rxjs';
import type { GraphConnection } from '../../graph';
import { maxOf, minOf } from '../../util/extent';
import { compileOpenFile } from '../doc/compile';
import { fitZoom, type Viewport } from '../doc/layered';
import { connect, disconnect, moveNodes, type Position, sameConnection } from '../doc/ops';
import { type Box, freeSpot, overlaps } from '../doc/placement';
import { checkConnection } from '../doc/sockets';
import type { EditorStore } from '../store';
import { addPageStyle } from '../ui/pageStyle';
import { arrangeNodes } from './arrange';
import { installMenu, type MenuHooks } from './menu';
import { blockTemplate, canvasCss, wireTemplate } from './nodeView';
import { categoryOf, errorsByNode, reconcile, socketTypesOf, type View } from './reconcile';
import { type AreaExtra, BLOCK_WIDTH, type BlockNode, type Schemes } from './schemes';
import { MAX_CANVAS_BLOCKS, tooLargeNote } from './tooLarge';

/** The smallest zoom at which the blocks' 13 px labels are 10 px on screen. */
const MIN_READABLE_ZOOM = 10 / 13;
const FIT_SCALE = 0.97;

/**
 * The Rete canvas of the file at the end of the breadcrumb. Gestures become store edits; store
 * changes come back through `reconcile`. Events Rete raises while reconciling are not gestures.
 */
export class Canvas {
  readonly editor = new NodeEditor<Schemes>();
  readonly area: AreaPlugin<Schemes, AreaExtra>;
  private readonly selectable: ReturnType<typeof AreaExtensions.selectableNodes>;
  private syncing = 0;
  private queue: Promise<void> = Promise.resolve();
  private shownFile: string | null = null;
  private readonly sub: Subscription;
  private readonly connection: ConnectionPlugin<Schemes, AreaExtra>;

  constructor(
    readonly container: HTMLElement,
    private readonly store: EditorStore,
  ) {
    addPageStyle('canvas', canvasCss);
    this.area = new AreaPlugin<Schemes, AreaExtra>(container);
    const render = new LitPlugin<Schemes, AreaExtra>();
    const connection = new ConnectionPlugin<Schemes, AreaExtra>();
    this.connection = connection;
    render.addPreset(
      Presets.classic.setup<Schemes, LitArea2D<Schemes>>({
        customize: {
          node: (ctx) => {
            const b = ctx.payload as BlockNode;
            return blockTemplate(b, categoryOf(b.blockType), {
              focus: (id, add) => this.focusBlock(id, add),
              open: (id) => store.enter(id),
            });
          },
          connection: (ctx) => wireTemplate(!!(ctx.payload as { isPseudo?: boolean }).isPseudo),
        },
      }),
    );
    // The menu stays open until a click elsewhere, as desktop menus do: it may have moved away
    // from the cursor to stay inside the canvas, and must not close because the cursor is not on it.
    render.addPreset(Presets.contextMenu.setup({ delay: 3_600_000 }));
    // Rete removes the wire already on the target input once `canMakeConnection` says yes and
    // before `makeConnection` runs, so a refusal (or the same wire again) must be said there, or
    // the existing wire is lost while the status line says "refused".
    connection.addPreset(
      () =>
        new ClassicFlow({
          canMakeConnection: (a, b) => this.wireAllowed(a, b),
          makeConnection: (a, b) => this.wireGesture(a, b),
        }),
    );
    this.editor.use(this.area);
    this.area.use(connection);
    this.area.use(render);
    AreaExtensions.simpleNodesOrder(this.area);
    this.selectable = AreaExtensions.selectableNodes(this.area, AreaExtensions.selector(), {
      accumulating: AreaExtensions.accumulateOnCtrl(),
    });

    this.editor.addPipe((ctx) => {
      if (ctx.type === 'connectionremoved' && !this.syncing) {
        const c = ctx.data;
        const wire: GraphConnection = {
          from: { node: c.source, socket: String(c.sourceOutput) },
          to: { node: c.target, socket: String(c.targetInput) },
        };
        store.edit('disconnect', (d) => disconnect(d, wire));
      }
      return ctx;
    });
    // The canvas itself is a tab stop, and holds focus when the focused block goes away.
    container.tabIndex = 0;
    container.addEventListener('pointerdown', (e) => {
      if (e.target === container || !(e.target as Element).closest?.('.sg-block')) container.focus({ preventScroll: true });
    });
    this.area.addPipe((ctx) => {
      // A double-click opens a block; it does not also zoom the canvas.
      if (ctx.type === 'zoom' && ctx.data.source === 'dblclick') return;
      if (ctx.type === 'nodedragged' && !this.syncing) this.commitPositions('move');
      if ((ctx.type === 'nodepicked' || ctx.type === 'pointerup') && !this.syncing) queueMicrotask(() => this.readSelection());
      // Rete brings a picked block to the front by moving its element, which drops its focus.
      if (ctx.type === 'nodepicked') {
        const id = ctx.data.id;
        queueMicrotask(() => document.activeElement === document.body && this.focusNode(id));
      }
      return ctx;
    });
    this.sub = store.state$.subscribe(() => void this.sync());
  }

  /** Turns on the right-click menu; its items act through `hooks`. */
  useMenu(hooks: MenuHooks): void {
    const graphs = () => Object.keys(this.store.state.files).filter((f) => f !== this.store.currentFile);
    installMenu(this.area, hooks, {
      graphs,
      selection: () => this.store.state.selection,
      toCanvasPoint: (x, y) => this.toCanvasPoint(x, y),
    });
  }

  /** A point on screen in the canvas's coordinates (those of block positions). */
  toCanvasPoint(clientX: number, clientY: number): Position {
    const { x, y, k } = this.area.area.transform;
    const r = this.container.getBoundingClientRect();
    return { x: (clientX - r.left - x) / k, y: (clientY - r.top - y) / k };
  }

  /** Resolves once the canvas shows the store's current state. */
  sync(): Promise<void> {
    this.queue = this.queue.then(() => this.apply()).catch((e: unknown) => console.error('canvas sync failed', e));
    return this.queue;
  }

  private async apply(): Promise<void> {
    const file = this.store.currentFile;
    const view: View = {
      file,
      files: this.store.state.files,
      doc: this.store.current,
      compiled: compileOpenFile(this.store.state.files, file, this.store.dataShape),
    };
    this.syncing++;
    try {
      const fresh = file !== this.shownFile;
      if (fresh) await this.editor.clear();
      const blocks = view.doc.nodes.length;
      if (blocks > MAX_CANVAS_BLOCKS) {
        tooLargeNote(
          this.container,
          `${file} has ${blocks} blocks, more than the ${MAX_CANVAS_BLOCKS} the canvas draws. It is open: it compiles, runs and saves; split it into sub-graphs to edit it here.`,
        );
        this.shownFile = file;
        this.container.dataset.shown = file;
        return;
      }
      tooLargeNote(this.container, null);
      await reconcile(this.editor, this.area, view);
      await this.applySelection();
      this.raiseErrors(errorsByNode(view.compiled));
      this.shownFile = file;
      if (fresh) {
        // A file whose blocks overlap, or that is too spread out to read once fitted, opens laid
        // out; that is the editor's doing, not an edit to undo.
        const boxes = this.boxes();
        if (boxes.length && (fitZoom(boxes, this.view()) < MIN_READABLE_ZOOM || overlaps(boxes, 0).length)) await this.layout(false);
        await this.showReadable();
        // For scripts and tests: the file is drawn, laid out and in view.
        this.container.dataset.shown = file;
      }
    } finally {
      this.syncing--;
    }
    // The focused block went away (deleted, cut, undone): the selected block, or else the canvas,
    // keeps the keyboard.
    const active = document.activeElement;
    if ((!active || active === document.body) && this.container.isConnected) {
      const [one] = this.store.state.selection;
      if (one && this.store.state.selection.length === 1) this.focusNode(one);
      if (document.activeElement === document.body) this.container.focus({ preventScroll: true });
    }
  }

  /** A block with an error, and its message, are drawn above every other block. */
  private raiseErrors(errors: Map<string, string[]>): void {
    for (const [id, v] of this.area.nodeViews) v.element.style.zIndex = errors.has(id) ? '10' : '';
  }

  /** The blocks' boxes, as drawn. */
  boxes(): (Box & { id: string })[] {
    return this.editor.getNodes().map((n) => {
      const p = this.area.nodeViews.get(n.id)?.position ?? { x: 0, y: 0 };
      return { id: n.id, x: p.x, y: p.y, w: n.width, h: n.height };
    });
  }

  /** What a fit has to work with: the canvas as it is now. */
  private view(): Viewport {
    return { width: this.container.clientWidth, height: this.container.clientHeight, minZoom: MIN_READABLE_ZOOM, fitScale: FIT_SCALE };
  }

  /** The nearest spot to `want` where a new block overlaps nothing. */
  freeSpot(want: Position): Position {
    return freeSpot(this.boxes(), want, BLOCK_WIDTH, 120);
  }

  get compiled() {
    return compileOpenFile(this.store.state.files, this.store.currentFile, this.store.dataShape);
  }

  /** The wire a gesture from socket `a` to socket `b` draws; null for two sockets of one side. */
  private gestureWire(a: Parameters<typeof getSourceTarget>[0], b: Parameters<typeof getSourceTarget>[1]): GraphConnection | null {
    const ends = getSourceTarget(a, b);
    if (!ends) return null;
    const [from, to] = ends;
    return { from: { node: from.nodeId, socket: from.key }, to: { node: to.nodeId, socket: to.key } };
  }

  private wireAllowed(a: Parameters<typeof getSourceTarget>[0], b: Parameters<typeof getSourceTarget>[1]): boolean {
    const c = this.gestureWire(a, b);
    if (!c) return false;
    const doc = this.store.current;
    const check = doc.connections.some((x) => sameConnection(x, c))
      ? { ok: false as const, reason: `${c.from.node}.${c.from.socket} → ${c.to.node}.${c.to.socket} is already wired` }
      : checkConnection(doc, this.store.currentFile, this.store.state.files, socketTypesOf(this.compiled), c);
    if (check.ok) return true;
    this.store.notify(`refused: ${check.reason}`, 'error');
    // Rete would keep the refused wire in hand, and the next click on a socket would draw it.
    // The gesture ends instead, once Rete is done with this pick.
    setTimeout(() => this.connection.drop(), 0);
    return false;
  }

  /** An allowed wire: `connect` also takes the place of the wire the input had, in one undo step. */
  private wireGesture(a: Parameters<typeof getSourceTarget>[0], b: Parameters<typeof getSourceTarget>[1]): boolean {
    const c = this.gestureWire(a, b);
    if (!c) return false;
    this.store.edit('connect', (d) => connect(d, c));
    return true;
  }

  /** One undo step for everything that moved (a drag moves the whole selection). */
  commitPositions(label: string, record = true): void {
    const moves = new Map<string, Position>();
    for (const [id, v] of this.area.nodeViews) moves.set(id, { x: Math.round(v.position.x), y: Math.round(v.position.y) });
    this.store.edit(label, (d) => moveNodes(d, moves), record ? {} : { record: false });
  }

  private readSelection(): void {
    this.store.setSelection(
      this.editor
        .getNodes()
        .filter((n) => n.selected)
        .map((n) => n.id),
    );
  }

  private async applySelection(): Promise<void> {
    const want = new Set(this.store.state.selection);
    for (const n of this.editor.getNodes()) {
      if (want.has(n.id) && !n.selected) await this.selectable.select(n.id, true);
      if (!want.has(n.id) && n.selected) await this.selectable.unselect(n.id);
    }
  }

  private focusBlock(id: string, add: boolean): void {
    if (!add && !this.store.state.selection.includes(id)) this.store.setSelection([id]);
  }

  /** Focus for keyboard use: the block's wrapper is the tab stop. */
  focusNode(id: string): void {
    this.container.querySelector<HTMLElement>(`.sg-block[data-node-id="${CSS.escape(id)}"]`)?.focus({ preventScroll: true });
  }

  async zoomToFit(): Promise<void> {
    const nodes = this.editor.getNodes();
    if (nodes.length) await AreaExtensions.zoomAt(this.area, nodes, { scale: FIT_SCALE });
  }

  /** The canvas height, in pixels, at which the whole graph fits with its labels readable. */
  readableHeight(): number {
    const boxes = this.boxes();
    if (!boxes.length) return 0;
    const top = minOf(boxes.map((b) => b.y));
    const bottom = maxOf(boxes.map((b) => b.y + b.h));
    return Math.ceil(((bottom - top) * MIN_READABLE_ZOOM) / FIT_SCALE);
  }

  /**
   * A newly shown file (or a canvas that shrank): fitted when its labels stay readable so (13 px
   * labels at least 10 px on screen), otherwise at the smallest readable zoom with its top-left
   * block in view.
   */
  async showReadable(): Promise<void> {
    await this.zoomToFit();
    const { k } = this.area.area.transform;
    if (k >= MIN_READABLE_ZOOM) return;
    const boxes = this.boxes();
    if (!boxes.length) return;
    const left = minOf(boxes.map((b) => b.x));
    const top = minOf(boxes.map((b) => b.y));
    await this.area.area.zoom(MIN_READABLE_ZOOM, 0, 0);
    await this.area.area.translate(24 - left * MIN_READABLE_ZOOM, 24 - top * MIN_READABLE_ZOOM);
  }

  private async layout(record = true): Promise<void> {
    this.syncing++;
    try {
      // ELK is large: its worker starts the first time a layout is asked for, not with the page.
      await arrangeNodes(this.editor.getNodes(), this.store.current.connections, this.area, this.view());
    } finally {
      this.syncing--;
    }
    this.commitPositions('auto-arrange', record);
    // For scripts and tests: how many layouts have been made.
    this.container.dataset.layouts = String(Number(this.container.dataset.layouts ?? 0) + 1);
  }

  async arrange(): Promise<void> {
    await this.layout();
    await this.zoomToFit();
  }

  destroy(): void {
    this.sub.unsubscribe();
    this.area.destroy();
  }
}
