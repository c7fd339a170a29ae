import { type BlockDef, type DataShape, describeType, isProblem, type ValueType } from '../../nodes/block';
import { fieldTypes } from '../../nodes/fields';
import { blockDef } from '../../nodes/index';
import type { GraphConnection, GraphDocument, SocketRef } from '../graph';
import type { CompileError } from './errors';
import { type FlatNode, flatten, type Resolver } from './expand';
import { topologicalOrder } from './order';
import { checkParams } from './params';
import { passIn, passOut } from './passBlocks';
import type { CompileResult, LossTerm, Plan, PlanStep, SocketTypes } from './plan';

export interface CompileOptions {
  /** the file the document came from, for sub-graph paths and messages */
  file?: string;
  resolve?: Resolver;
  data?: DataShape;
  /**
   * Score given predictions: the wire into the top-level Output 'Predictions' is replaced by
   * the batch field Predictions, so any model's output can be fed to the loss blocks.
   */
  predictionsFromData?: boolean;
}

const defaultDataShape: DataShape = { samples: 100, maxJumps: 5 };

const internal = new Map<string, BlockDef>([
  [passIn.type, passIn],
  [passOut.type, passOut],
]);

interface Node extends FlatNode {
  block: BlockDef;
  params: Record<string, number | string>;
}

export function compileGraph(doc: GraphDocument, options: CompileOptions = {}): CompileResult {
  const data = options.data ?? defaultDataShape;
  const errors: CompileError[] = [];
  const flat = flatten(doc, options.file ?? doc.name, options.resolve, errors);
  // Past the limit the expansion stopped half-way; only that is worth saying.
  const tooLarge = errors.find((e) => e.code === 'too-large');
  if (tooLarge) return { ok: false, errors: [tooLarge], socketTypes: {} };
  // A node with an error of its own gets no further errors for what follows from it.
  const failed = new Set<string>();
  const err = (n: { path: string[] }, code: CompileError['code'], message: string, socket?: string) => {
    failed.add(n.path.join('/'));
    errors.push({ nodeId: n.path[0], code, message, path: n.path, ...(socket ? { socket } : {}) });
  };

  // 1. blocks and parameters
  const nodes = new Map<string, Node>();
  for (const f of flat.nodes) {
    const block = internal.get(f.type) ?? blockDef(f.type);
    if (!block) {
      err(f, 'unknown-block', `unknown block type '${f.type}'`);
      continue;
    }
    const checked = checkParams(block, f.params);
    if (!checked.ok) {
      err(f, checked.unknown ? 'unknown-param' : 'bad-param', checked.message);
      continue;
    }
    nodes.set(f.id, { ...f, block, params: checked.params });
  }

  // 2. wires
  let connections = flat.connections;
  const predictionsRef = options.predictionsFromData ? findPredictionsSource(nodes, connections) : undefined;
  if (predictionsRef) connections = rewirePredictions(nodes, connections, predictionsRef);
  const feeds = new Map<string, Map<string, SocketRef>>();
  let flatIds: Set<string> | undefined;
  for (const c of connections) {
    const from = nodes.get(c.from.node);
    const to = nodes.get(c.to.node);
    if (!from || !to) {
      const missing = !from ? c.from.node : c.to.node;
      const present = nodes.get(!from ? c.to.node : c.from.node);
      if (!(flatIds ??= new Set(flat.nodes.map((f) => f.id))).has(missing)) {
        const where = present ?? { path: missing.split('/') };
        err(
          where,
          'dangling-connection',
          `a connection names node '${missing}', which does not exist`,
          !from ? c.to.socket : c.from.socket,
        );
      } else if (to) failed.add(to.id); // fed by a block that has its own error
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

  // 3. order
  const ids = [...nodes.keys()];
  const edges: [string, string][] = [];
  for (const [to, m] of feeds) for (const ref of m.values()) edges.push([ref.node, to]);
  const sorted = topologicalOrder(ids, edges);
  if ('cycle' in sorted) {
    const names = sorted.cycle.map((id) => nodes.get(id)!.path.join('/'));
    // One error for the whole loop; `nodes` lets the editor mark every block in it.
    const first = nodes.get(sorted.cycle[0])!;
    errors.push({
      nodeId: first.path[0],
      code: 'cycle',
      message: `is part of a cycle: ${[...names, names[0]].join(' → ')}`,
      path: first.path,
      nodes: [...new Set(sorted.cycle.map((id) => nodes.get(id)!.path[0]))],
    });
    return { ok: false, errors, socketTypes: {} };
  }

  // 4. types, in order
  const types = new Map<string, Record<string, ValueType>>();
  const steps: PlanStep[] = [];
  const fields = fieldTypes(data);
  for (const id of sorted.order) {
    const n = nodes.get(id)!;
    const inputs = feeds.get(id) ?? new Map<string, SocketRef>();
    const inputTypes: Record<string, ValueType> = {};
    let ok = true;
    for (const socket of n.block.inputs) {
      const ref = inputs.get(socket.name);
      if (!ref) {
        if (!socket.optional) {
          ok = false;
          if (failed.has(id)) continue;
          if (n.block === passIn) err(n, 'missing-input', `sub-graph input '${n.params.name}' is not connected`, String(n.params.name));
          else err(n, 'missing-input', `input '${socket.name}' of ${n.block.type} is not connected`, socket.name);
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
          n,
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
    if (n.block.type === 'Input') {
      const field = String(n.params.name);
      const t = fields[field];
      if (!t) {
        err(n, 'unbound-input', `top-level Input '${field}' is not a dataset field (${Object.keys(fields).join(', ')})`, 'out');
        continue;
      }
      if (t.kind !== n.params.kind) {
        err(n, 'type-mismatch', `Input '${field}' is declared ${n.params.kind}, but the field is ${describeType(t)}`, 'out');
        continue;
      }
      outputTypes = { out: t };
    } else {
      const r = n.block.inferShape({ params: n.params, inputs: inputTypes, data });
      if (isProblem(r)) {
        err(n, 'shape', r.problem.message, r.problem.socket);
        continue;
      }
      outputTypes = r;
    }
    types.set(id, outputTypes);
    const weights = n.block.weights?.({ params: n.params, inputs: inputTypes, data }) ?? [];
    steps.push({ id, block: n.block, params: n.params, inputs: Object.fromEntries(inputs), inputTypes, outputTypes, weights });
  }

  // 5. named outputs and loss terms
  const outputs: Record<string, SocketRef> = {};
  const losses: LossTerm[] = [];
  const stepById = new Map(steps.map((s) => [s.id, s]));
  for (const s of steps) {
    const name = String(s.params.name);
    const n = nodes.get(s.id)!;
    if (s.block.type === 'Output' && n.path.length === 1) {
      if (outputs[name]) err(n, 'duplicate-name', `two Output blocks are named '${name}'`);
      outputs[name] = s.inputs.in;
    }
    if (s.block.type === 'Loss') {
      if (losses.some((l) => l.name === name)) err(n, 'duplicate-name', `two Loss blocks are named '${name}'`);
      losses.push({ name, value: s.inputs.value, raw: beforeScales(s.inputs.value, stepById) });
    }
  }
  if (predictionsRef && !outputs.Predictions) outputs.Predictions = { node: '$predictions', socket: 'out' };

  const socketTypes = collectSocketTypes(steps, nodes, flat.boundaries);
  if (errors.length) return { ok: false, errors, socketTypes };

  const needed = upstream(steps, [...Object.values(outputs), ...losses.map((l) => l.value)]);
  const kept = steps.filter((s) => needed.has(s.id));
  const mainNet = outputs.Predictions ? upstream(kept, [outputs.Predictions]) : new Set<string>();
  const plan: Plan = {
    steps: kept,
    outputs,
    losses,
    data,
    fields: [
      ...new Set(
        kept
          .filter((s) => s.block.category === 'data' || s.block.type === 'Input')
          .map((s) => (s.block.type === 'Input' ? String(s.params.name) : s.block.type)),
      ),
    ],
    socketTypes,
    mainNet: kept.filter((s) => mainNet.has(s.id)).map((s) => s.id),
  };
  return { ok: true, plan };
}

function socketList(list: readonly { name: string }[]): string {
  return list.length ? ` (it has ${list.map((s) => s.name).join(', ')})` : ' (it has none)';
}

/** The wire into the top-level Output 'Predictions', if any. */
function findPredictionsSource(nodes: Map<string, Node>, connections: GraphConnection[]): SocketRef | undefined {
  const out = [...nodes.values()].find((n) => n.block.type === 'Output' && n.path.length === 1 && n.params.name === 'Predictions');
  return out ? connections.find((c) => c.to.node === out.id && c.to.socket === 'in')?.from : undefined;
}

function rewirePredictions(nodes: Map<string, Node>, connections: GraphConnection[], ref: SocketRef): GraphConnection[] {
  nodes.set('$predictions', {
    id: '$predictions',
    type: 'Predictions',
    params: {},
    path: ['$predictions'],
    block: blockDef('Predictions')!,
  });
  return connections.map((c) =>
    c.from.node === ref.node && c.from.socket === ref.socket ? { from: { node: '$predictions', socket: 'out' }, to: c.to } : c,
  );
}

/** Follows a loss wire back through Scale blocks, to report the term before its weight. */
function beforeScales(ref: SocketRef, steps: Map<string, PlanStep>): SocketRef {
  let at = ref;
  for (;;) {
    const s = steps.get(at.node);
    if (s?.block.type !== 'Scale') return at;
    at = s.inputs.x;
  }
}

function upstream(steps: PlanStep[], refs: SocketRef[]): Set<string> {
  const byId = new Map(steps.map((s) => [s.id, s]));
  const seen = new Set<string>();
  const stack = refs.map((r) => r.node);
  while (stack.length) {
    const id = stack.pop()!;
    if (seen.has(id)) continue;
    seen.add(id);
    for (const r of Object.values(byId.get(id)?.inputs ?? {})) stack.push(r.node);
  }
  return seen;
}

function collectSocketTypes(
  steps: PlanStep[],
  nodes: Map<string, Node>,
  boundaries: Map<string, { inputs: Map<string, string>; outputs: Map<string, string> }>,
): Record<string, SocketTypes> {
  const out: Record<string, SocketTypes> = {};
  const byId = new Map(steps.map((s) => [s.id, s]));
  for (const s of steps) {
    if (nodes.get(s.id)!.path.length === 1) out[s.id] = { inputs: s.inputTypes, outputs: s.outputTypes };
  }
  for (const [id, b] of boundaries) {
    const t: SocketTypes = { inputs: {}, outputs: {} };
    for (const [name, inner] of b.inputs) {
      const s = byId.get(inner);
      if (s?.inputTypes.in) t.inputs[name] = s.inputTypes.in;
    }
    for (const [name, inner] of b.outputs) {
      const s = byId.get(inner);
      if (s?.outputTypes.out) t.outputs[name] = s.outputTypes.out;
    }
    out[id] = t;
  }
  return out;
}
