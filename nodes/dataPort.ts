import type { BlockDef } from './block';
import { fieldTypes } from './fields';

/** A source block that reads one field of the batch (SPEC §1's per-sequence fields). */
export function dataPort(field: string, description: string): BlockDef {
  return {
    type: field,
    category: 'data',
    description,
    inputs: [],
    outputs: [{ name: 'out' }],
    params: [],
    inferShape: ({ data }) => ({ out: fieldTypes(data)[field] }),
    emit: ({ field: read }) => ({ out: read(field) }),
    fused: { forward: (ctx, _, { out }) => out.set(ctx.field(field)) },
  };
}
