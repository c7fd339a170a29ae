import type { BlockDef } from '../../nodes/block';
import { blockDef } from '../../nodes/index';
import type { Params } from '../../nodes/params';
import { type CompileError, nodeError } from './errors';
import type { FlatNode } from './expand';
import { checkParams } from './params';
import { passIn, passOut } from './passBlocks';

/** A flattened node with its block definition and its checked params (defaults filled in). */
export interface ResolvedNode extends FlatNode {
  block: BlockDef;
  params: Params;
}

const internal = new Map<string, BlockDef>([
  [passIn.type, passIn],
  [passOut.type, passOut],
]);

/**
 * Phase 2: each node's block definition and checked params. A node of an unknown type or with a
 * bad param is left out, with its error; wires to it then make no further errors.
 */
export function resolveBlocks(flat: readonly FlatNode[]): { nodes: Map<string, ResolvedNode>; errors: CompileError[] } {
  const nodes = new Map<string, ResolvedNode>();
  const errors: CompileError[] = [];
  for (const f of flat) {
    const block = internal.get(f.type) ?? blockDef(f.type);
    if (!block) {
      errors.push(nodeError(f, 'unknown-block', `unknown block type '${f.type}'`));
      continue;
    }
    const checked = checkParams(block, f.params);
    if (!checked.ok) {
      errors.push(nodeError(f, checked.unknown ? 'unknown-param' : 'bad-param', checked.message));
      continue;
    }
    nodes.set(f.id, { ...f, block, params: checked.params });
  }
  return { nodes, errors };
}
