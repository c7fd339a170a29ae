import type { BlockDef } from '../../../nodes/block';
import { registry } from '../../../nodes/index';
import type { ParamValue } from '../../graph';
import { SUBGRAPH_FILE_PARAM, SUBGRAPH_TYPE } from '../../graph/subgraphs';

/** One block the user can add: a registered type, or a Subgraph already pointed at a file. */
export interface CatalogueEntry {
  label: string;
  type: string;
  params: Record<string, ParamValue>;
  description: string;
}

export interface CatalogueGroup {
  title: string;
  items: CatalogueEntry[];
}

const groups: { title: string; test: (b: BlockDef) => boolean }[] = [
  { title: 'Data ports', test: (b) => b.category === 'data' },
  { title: 'Layers', test: (b) => b.category === 'layer' },
  { title: 'Ops', test: (b) => b.category === 'op' },
  // A Loss block names a term of the objective: it goes with the loss functions, not the structure.
  { title: 'Losses', test: (b) => b.category === 'loss' || b.role.kind === 'term' },
  { title: 'Sub-graphs', test: (b) => b.category === 'structure' && b.role.kind !== 'term' },
];

/**
 * The block catalogue that the palette and the canvas menu both offer, grouped; `graphs` are
 * the open files that can go in as ready-made Subgraph blocks. Empty groups are left out.
 */
export function catalogue(graphs: readonly string[], query = ''): CatalogueGroup[] {
  const q = query.trim().toLowerCase();
  const match = (e: CatalogueEntry) => !q || `${e.label} ${e.type} ${e.description}`.toLowerCase().includes(q);
  const blocks = [...registry.values()];
  const out = groups.map((g) => ({
    title: g.title,
    items: blocks.filter(g.test).map((b): CatalogueEntry => ({ label: b.type, type: b.type, params: {}, description: b.description })),
  }));
  const sub = out[out.length - 1];
  for (const f of graphs)
    sub.items.push({
      label: `${SUBGRAPH_TYPE}: ${f}`,
      type: SUBGRAPH_TYPE,
      params: { [SUBGRAPH_FILE_PARAM]: f },
      description: `the graph in ${f} as one block`,
    });
  return out.map((g) => ({ ...g, items: g.items.filter(match) })).filter((g) => g.items.length);
}

/** The drag-and-drop type a palette item travels under, so file drops are told apart. */
export const BLOCK_MIME = 'application/x-slidegraph-block';

export function blockDragText(e: CatalogueEntry): string {
  return JSON.stringify({ type: e.type, params: e.params });
}

export function parseBlockDrag(text: string): Pick<CatalogueEntry, 'type' | 'params'> | null {
  try {
    const v = JSON.parse(text) as { type?: unknown; params?: unknown };
    if (typeof v.type !== 'string' || !registry.has(v.type) || typeof v.params !== 'object' || v.params === null) return null;
    return { type: v.type, params: v.params as Record<string, ParamValue> };
  } catch {
    return null;
  }
}
