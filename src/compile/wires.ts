import { blockDef } from '../../nodes/index';
import type { GraphConnection, SocketRef } from '../graph';
import { type CompileError, nodeError } from './errors';
import type { ResolvedNode } from './resolveBlocks';

/** Where each input of each node is fed from: node id → input socket → source. */
export type Feeds = Map<string, Map<string, SocketRef>>;

/** The node that stands for the batch field Predictions when given predictions are scored. */
export const PREDICTIONS_NODE = '$predictions';

/**
 * For scoring given predictions: the wire into the top-level output port 'Predictions' now comes
 * from the batch field Predictions, so any model's output can be fed to the loss blocks. Returns
 * the original source of that wire (undefined: there is none, and nothing changes).
 */
export function scorePredictions(
  nodes: ReadonlyMap<string, ResolvedNode>,
  connections: readonly GraphConnection[],
): { nodes: Map<string, ResolvedNode>; connections: GraphConnection[]; replaced?: SocketRef } {
  const out = [...nodes.values()].find((n) => {
    const r = n.block.role;
    return r.kind === 'port' && r.side === 'out' && n.path.length === 1 && n.params[r.name] === 'Predictions';
  });
  const role = out?.block.role;
  const ref =
    out && role?.kind === 'port' && role.side === 'out'
      ? connections.find((c) => c.to.node === out.id && c.to.socket === role.input)?.from
      : undefined;
  if (!ref) return { nodes: new Map(nodes), connections: [...connections] };
  const withField = new Map(nodes);
  withField.set(PREDICTIONS_NODE, {
    id: PREDICTIONS_NODE,
    type: 'Predictions',
    params: {},
    path: [PREDICTIONS_NODE],
    block: blockDef('Predictions')!,
  });
  return {
    nodes: withField,
    connections: connections.map((c) =>
      c.from.node === ref.node && c.from.socket === ref.socket ? { from: { node: PREDICTIONS_NODE, socket: 'out' }, to: c.to } : c,
    ),
    replaced: ref,
  };
}

/**
 * Phase 3: every wire checked against the sockets of both ends, as the feeds of each input.
 * `quiet` holds the nodes that already have an error about their wiring or are fed by a block
 * that failed: a missing input on them would only repeat it. `flatIds` are all flattened nodes,
 * failed ones included, to tell a wire to a failed block from one to no block at all.
 */
export function connectWires(
  nodes: ReadonlyMap<string, ResolvedNode>,
  connections: readonly GraphConnection[],
  flatIds: ReadonlySet<string>,
): { feeds: Feeds; errors: CompileError[]; quiet: Set<string> } {
  const feeds: Feeds = new Map();
  const errors: CompileError[] = [];
  const quiet = new Set<string>();
  const err = (n: { path: string[] }, code: CompileError['code'], message: string, socket?: string) => {
    quiet.add(n.path.join('/'));
    errors.push(nodeError(n, code, message, socket));
  };
  for (const c of connections) {
    const from = nodes.get(c.from.node);
    const to = nodes.get(c.to.node);
    if (!from || !to) {
      const missing = !from ? c.from.node : c.to.node;
      const present = nodes.get(!from ? c.to.node : c.from.node);
      if (!flatIds.has(missing)) {
        const where = present ?? { path: missing.split('/') };
        err(
          where,
          'dangling-connection',
          `a connection names node '${missing}', which does not exist`,
          !from ? c.to.socket : c.from.socket,
        );
      } else if (to) quiet.add(to.id); // fed by a block that has its own error
      continue;
    }
    if (!from.block.outputs.some((s) => s.name === c.from.socket)) {
      err(from, 'unknown-socket', `${from.block.type} has no output '${c.from.socket}'${socketList(from.block.outputs)}`, c.from.socket);
      continue;
    }
    if (!to.block.inputs.some((s) => s.name === c.to.socket)) {
      err(to, 'unknown-socket', `${to.block.type} has no input '${c.to.socket}'${socketList(to.block.inputs)}`, c.to.socket);
      continue;
    }
    const into = feeds.get(to.id) ?? new Map<string, SocketRef>();
    if (into.has(c.to.socket)) {
      err(to, 'duplicate-input', `input '${c.to.socket}' is connected twice`, c.to.socket);
      continue;
    }
    into.set(c.to.socket, c.from);
    feeds.set(to.id, into);
  }
  return { feeds, errors, quiet };
}

function socketList(list: readonly { name: string }[]): string {
  return list.length ? ` (it has ${list.map((s) => s.name).join(', ')})` : ' (it has none)';
}
