import { type BlockDef, shapes } from './block';
import { fieldTypes } from './fields';

/** A source block that reads one field of the batch (SPEC §1's per-sequence fields). */
export function dataPort(field: string, description: string): BlockDef {
  return {
    type: field,
    category: 'data',
    role: { kind: 'source', field },
    description,
    inputs: [],
    outputs: [{ name: 'out' }],
    params: [],
    inferShape: ({ data }) => shapes({ out: fieldTypes(data)[field] }),
    emit: ({ field: read }) => ({ out: read(field) }),
    fused: { forward: (ctx, _, { out }) => out.set(ctx.field(field)) },
  };
}
