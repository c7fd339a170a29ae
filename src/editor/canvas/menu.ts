import type { AreaPlugin } from 'rete-area-plugin';
import { ContextMenuPlugin, type Props } from 'rete-context-menu-plugin';
import { blockDef } from '../../../nodes/index';
import type { GraphConnection, ParamValue } from '../../graph';
import { catalogue } from '../doc/catalogue';
import type { Position } from '../doc/ops';
import { type AreaExtra, BlockNode, Link, type Schemes } from './schemes';

type ItemsCollection = ReturnType<Props<Schemes>['items']>;
type Item = ItemsCollection['list'][number];

/** What the menu's items do: the same editing actions the palette and keyboard use. */
export interface MenuHooks {
  addBlock(type: string, params: Record<string, ParamValue>, at: Position): unknown;
  deleteBlocks(ids: readonly string[]): void;
  duplicate(ids: readonly string[]): void;
  openBlock(id: string): void;
  deleteWire(c: GraphConnection): void;
}

/** What the menu reads from the canvas when it opens. */
export interface MenuContext {
  /** the open files a Subgraph block can point at */
  graphs(): string[];
  selection(): readonly string[];
  /** a point on screen in block coordinates */
  toCanvasPoint(clientX: number, clientY: number): Position;
}

/**
 * The canvas's right-click menu. Every item is a store edit through `hooks`; Rete is never
 * changed directly, so undo and the other views see menu edits like any other.
 */
export function installMenu(area: AreaPlugin<Schemes, AreaExtra>, hooks: MenuHooks, ctx: MenuContext): void {
  let cursor: Position = { x: 0, y: 0 };
  // Capture runs before the area's own listener, so the menu knows where it was asked for.
  area.container.addEventListener('contextmenu', (e) => (cursor = ctx.toCanvasPoint(e.clientX, e.clientY)), { capture: true });
  // A block's or wire's right-click must not also open the canvas menu. Rete stops it only
  // after a microtask, which an event dispatched by a script (or a slow pipe) never gets.
  area.area.content.holder.addEventListener('contextmenu', (e) => {
    e.preventDefault();
    e.stopPropagation();
  });
  area.use(menuPlugin(hooks, ctx, () => cursor));
  area.addPipe((c) => {
    if (c.type === 'render' && c.data.type === 'contextmenu') {
      const { element, items } = c.data;
      requestAnimationFrame(() => keepInside(element, items, area.container.getBoundingClientRect()));
    }
    return c;
  });
}

function menuPlugin(hooks: MenuHooks, ctx: MenuContext, cursor: () => Position): ContextMenuPlugin<Schemes> {
  return new ContextMenuPlugin<Schemes>({
    items: (context): ItemsCollection => {
      if (context === 'root') {
        const at = cursor();
        const list = catalogue(ctx.graphs()).map<Item>((g) => ({
          label: g.title,
          key: g.title,
          handler: () => undefined,
          subitems: g.items.map((e) => ({
            label: e.label,
            key: `${e.type}:${e.label}`,
            handler: () => void hooks.addBlock(e.type, e.params, at),
          })),
        }));
        return { searchBar: false, list };
      }
      if (context instanceof Link) {
        const c: GraphConnection = {
          from: { node: context.source, socket: String(context.sourceOutput) },
          to: { node: context.target, socket: String(context.targetInput) },
        };
        return { list: [{ label: 'Delete wire', key: 'unwire', handler: () => hooks.deleteWire(c) }] };
      }
      if (!(context instanceof BlockNode)) return { list: [] };
      const id = context.id;
      // A block inside the selection stands for the whole selection, as with the keyboard.
      const ids = ctx.selection().includes(id) ? [...ctx.selection()] : [id];
      const list: Item[] = [
        { label: 'Delete', key: 'delete', handler: () => hooks.deleteBlocks(ids) },
        { label: 'Duplicate', key: 'duplicate', handler: () => hooks.duplicate(ids) },
      ];
      if (blockDef(context.blockType)?.role.kind === 'subgraph')
        list.push({ label: 'Open sub-graph', key: 'open', handler: () => hooks.openBlock(id) });
      return { searchBar: false, list };
    },
  });
}

/** The menu's and a submenu's width (canvasCss sets `--menu-width` to this). */
const MENU_WIDTH = 220;

/**
 * The plugin opens the menu centred on the cursor and submenus to the right of and below their
 * item, so a right-click near an edge would run over the side panel or off screen; the menu
 * moves so that it and its widest submenu stay inside the canvas.
 */
function keepInside(wrapper: HTMLElement, items: readonly Item[], box: DOMRect): void {
  const rows = wrapper.querySelector('rete-context-menu')?.shadowRoot?.querySelectorAll('rete-context-menu-item') ?? [];
  let bottom = 0;
  rows.forEach((row, i) => {
    const r = row.getBoundingClientRect();
    bottom = Math.max(bottom, r.top + r.height * Math.max(1, items[i]?.subitems?.length ?? 0));
  });
  const over = bottom - (box.bottom - 8);
  if (over > 0) wrapper.style.top = `${Math.max(box.top + 28, parseFloat(wrapper.style.top) - over)}px`;
  const sub = items.some((i) => i.subitems?.length) ? MENU_WIDTH : 0;
  // The anchor is the menu's centre (the menu has a margin of half its width to the left, and
  // 10 px of padding around its items).
  const lo = box.left + MENU_WIDTH / 2 + 8;
  const hi = box.right - MENU_WIDTH / 2 - sub - 20;
  const left = parseFloat(wrapper.style.left);
  wrapper.style.left = `${Math.max(lo, Math.min(hi, left))}px`;
}
