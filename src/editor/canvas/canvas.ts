import { type LitArea2D, LitPlugin, Presets } from '@retejs/lit-plugin';
import { NodeEditor } from 'rete';
import { AreaExtensions, AreaPlugin } from 'rete-area-plugin';
import { ClassicFlow, ConnectionPlugin, getSourceTarget } from 'rete-connection-plugin';
import { MinimapPlugin } from 'rete-minimap-plugin';
import type { Subscription } from 'rxjs';
import type { GraphConnection } from '../../graph';
import { compileOpenFile } from '../doc/compile';
import { connect, disconnect, moveNodes, type Position } from '../doc/ops';
import { checkConnection } from '../doc/sockets';
import type { EditorStore } from '../store';
import { addPageStyle } from '../ui/pageStyle';
import { arrangeNodes } from './arrange';
import { installMenu, type MenuHooks } from './menu';
import { blockTemplate, canvasCss } from './nodeView';
import { categoryOf, reconcile, socketTypesOf, type View } from './reconcile';
import type { AreaExtra, BlockNode, Schemes } from './schemes';

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

  constructor(
    readonly container: HTMLElement,
    private readonly store: EditorStore,
  ) {
    addPageStyle('canvas', canvasCss);
    this.area = new AreaPlugin<Schemes, AreaExtra>(container);
    const render = new LitPlugin<Schemes, AreaExtra>();
    const connection = new ConnectionPlugin<Schemes, AreaExtra>();
    const minimap = new MinimapPlugin<Schemes>({ boundViewport: true });
    render.addPreset(
      Presets.classic.setup<Schemes, LitArea2D<Schemes>>({
        customize: {
          node: (ctx) => {
            const b = ctx.payload as BlockNode;
            return blockTemplate(b, categoryOf(b.blockType), { focus: (id) => this.focusBlock(id), open: (id) => store.enter(id) });
          },
        },
      }),
    );
    render.addPreset(Presets.minimap.setup({ size: 160 }));
    render.addPreset(Presets.contextMenu.setup({ delay: 400 }));
    connection.addPreset(() => new ClassicFlow({ makeConnection: (a, b) => this.wireGesture(a, b) }));
    this.editor.use(this.area);
    this.area.use(connection);
    this.area.use(render);
    this.area.use(minimap);
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
    this.area.addPipe((ctx) => {
      if (ctx.type === 'nodedragged' && !this.syncing) this.commitPositions('move');
      if ((ctx.type === 'nodepicked' || ctx.type === 'pointerup') && !this.syncing) queueMicrotask(() => this.readSelection());
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
      compiled: compileOpenFile(this.store.state.files, file),
    };
    this.syncing++;
    try {
      const fresh = file !== this.shownFile;
      if (fresh) await this.editor.clear();
      await reconcile(this.editor, this.area, view);
      await this.applySelection();
      this.shownFile = file;
      if (fresh) await this.zoomToFit();
    } finally {
      this.syncing--;
    }
  }

  get compiled() {
    return compileOpenFile(this.store.state.files, this.store.currentFile);
  }

  private wireGesture(a: Parameters<typeof getSourceTarget>[0], b: Parameters<typeof getSourceTarget>[1]): boolean {
    const ends = getSourceTarget(a, b);
    if (!ends) return false;
    const [from, to] = ends;
    const c: GraphConnection = { from: { node: from.nodeId, socket: from.key }, to: { node: to.nodeId, socket: to.key } };
    const s = this.store.state;
    const check = checkConnection(this.store.current, this.store.currentFile, s.files, socketTypesOf(this.compiled), c);
    if (!check.ok) {
      this.store.notify(`refused: ${check.reason}`, 'error');
      return false;
    }
    this.store.edit('connect', (d) => connect(d, c));
    return true;
  }

  /** One undo step for everything that moved (a drag moves the whole selection). */
  commitPositions(label: string): void {
    const moves = new Map<string, Position>();
    for (const [id, v] of this.area.nodeViews) moves.set(id, { x: Math.round(v.position.x), y: Math.round(v.position.y) });
    this.store.edit(label, (d) => moveNodes(d, moves));
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

  private focusBlock(id: string): void {
    if (!this.store.state.selection.includes(id)) this.store.setSelection([id]);
  }

  /** Focus for keyboard use: the block's wrapper is the tab stop. */
  focusNode(id: string): void {
    this.container.querySelector<HTMLElement>(`.sg-block[data-node-id="${CSS.escape(id)}"]`)?.focus();
  }

  async zoomToFit(): Promise<void> {
    const nodes = this.editor.getNodes();
    if (nodes.length) await AreaExtensions.zoomAt(this.area, nodes, { scale: 0.9 });
  }

  async arrange(): Promise<void> {
    this.syncing++;
    try {
      await arrangeNodes(this.area);
    } finally {
      this.syncing--;
    }
    this.commitPositions('auto-arrange');
    await this.zoomToFit();
  }

  destroy(): void {
    this.sub.unsubscribe();
    this.area.destroy();
  }
}
