import { type DataShape, describeType, type ValueType } from '../../nodes/block';
import { fieldTypes } from '../../nodes/fields';
import type { SocketRef } from '../graph';
import { type CompileError, nodeError } from './errors';
import { passIn } from './passBlocks';
import type { PlanStep } from './plan';
import type { ResolvedNode } from './resolveBlocks';
import type { Feeds } from './wires';

/**
 * Phase 5: the type of every socket, block by block in `order`, by each block's shape rule; a
 * top-level input port takes the type of the dataset field it names. A block whose inputs are
 * missing or failed gets no step, and the blocks it feeds are skipped without further errors.
 * `quiet` nodes (see connectWires) get no missing-input error; neither does a block after its
 * first error. A term block (Loss) with nothing wired in is no error but `inactive`: unplugging a
 * term is how a researcher says "train without it".
 */
export function inferTypes(
  order: readonly string[],
  nodes: ReadonlyMap<string, ResolvedNode>,
  feeds: Feeds,
  data: DataShape,
  quiet: ReadonlySet<string>,
): { steps: PlanStep[]; errors: CompileError[]; inactive: string[] } {
  const types = new Map<string, Record<string, ValueType>>();
  const steps: PlanStep[] = [];
  const errors: CompileError[] = [];
  const inactive: string[] = [];
  const fields = fieldTypes(data);
  for (const id of order) {
    const n = nodes.get(id)!;
    const role = n.block.role;
    if (role.kind === 'term' && !feeds.get(id)?.has(role.input)) {
      inactive.push(id);
      continue;
    }
    let failed = quiet.has(id);
    const err = (code: CompileError['code'], message: string, socket?: string) => {
      failed = true;
      errors.push(nodeError(n, code, message, socket));
    };
    const inputs = feeds.get(id) ?? new Map<string, SocketRef>();
    const inputTypes: Record<string, ValueType> = {};
    let ok = true;
    for (const socket of n.block.inputs) {
      const ref = inputs.get(socket.name);
      if (!ref) {
        if (!socket.optional) {
          ok = false;
          if (failed) continue;
          if (n.block === passIn) err('missing-input', `sub-graph input '${n.params.name}' is not connected`, String(n.params.name));
          else err('missing-input', `input '${socket.name}' of ${n.block.type} is not connected`, socket.name);
        }
        continue;
      }
      const t = types.get(ref.node)?.[ref.socket];
      if (!t) {
        ok = false; // the source failed and has its own error
        continue;
      }
      if (!socket.accepts.includes(t.kind)) {
        ok = false;
        err(
          'type-mismatch',
          `input '${socket.name}' of ${n.block.type} takes ${socket.accepts.join(' or ')}, but '${ref.node}' gives ${describeType(t)}`,
          socket.name,
        );
        continue;
      }
      inputTypes[socket.name] = t;
    }
    if (!ok) continue;
    let outputTypes: Record<string, ValueType>;
    if (role.kind === 'port' && role.side === 'in') {
      // Only a top-level input port is left after expansion: it stands for a dataset field.
      const field = String(n.params[role.name]);
      const t = fields[field];
      if (!t) {
        err('unbound-input', `top-level ${n.block.type} '${field}' is not a dataset field (${Object.keys(fields).join(', ')})`, 'out');
        continue;
      }
      if (t.kind !== n.params[role.carries]) {
        err(
          'type-mismatch',
          `${n.block.type} '${field}' is declared ${n.params[role.carries]}, but the field is ${describeType(t)}`,
          'out',
        );
        continue;
      }
      outputTypes = { out: t };
    } else {
      const r = n.block.inferShape({ params: n.params, inputs: inputTypes, data });
      if (!r.ok) {
        for (const e of r.errors) err(e.code, e.message, e.socket);
        continue;
      }
      outputTypes = r.shapes;
    }
    types.set(id, outputTypes);
    const weights = n.block.weights?.({ params: n.params, inputs: inputTypes, data }) ?? [];
    steps.push({ id, block: n.block, params: n.params, inputs: Object.fromEntries(inputs), inputTypes, outputTypes, weights });
  }
  return { steps, errors, inactive };
}
