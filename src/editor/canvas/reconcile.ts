import type { NodeEditor } from 'rete';
import { ClassicPreset } from 'rete';
import type { AreaPlugin } from 'rete-area-plugin';
import { blockDef } from '../../../nodes/index';
import { checkParams } from '../../compile/params';
import type { CompileResult, SocketTypes } from '../../compile/plan';
import type { GraphDocument, GraphNode } from '../../graph';
import { subgraphRef } from '../../graph/subgraphs';
import type { Files } from '../doc/files';
import { connectionKey } from '../doc/ops';
import { type NodeSockets, nodeSockets, socketText } from '../doc/sockets';
import { nextTask } from '../nextTask';
import { type AreaExtra, BlockNode, Link, type Schemes, wire } from './schemes';

/** What the canvas needs to draw one file. */
export interface View {
  file: string;
  files: Files;
  doc: GraphDocument;
  compiled: CompileResult;
}

export function errorsByNode(r: CompileResult): Map<string, string[]> {
  const out = new Map<string, string[]>();
  if (r.ok) return out;
  for (const e of r.errors) {
    const where = e.path && e.path.length > 1 ? ` (in ${e.path.slice(1).join(' › ')})` : '';
    const text = `${e.socket ? `${e.socket}: ` : ''}${e.message}${where}`;
    for (const id of e.nodes ?? [e.nodeId]) out.set(id, [...(out.get(id) ?? []), text]);
  }
  return out;
}

export const socketTypesOf = (r: CompileResult): Record<string, SocketTypes> => (r.ok ? r.plan.socketTypes : r.socketTypes);

/** The block's own short text for its params (defaults filled in); none while a param is refused, the error says why. */
function summary(n: GraphNode): string {
  const def = blockDef(n.type);
  if (!def?.summary) return '';
  const checked = checkParams(def, n.params);
  return checked.ok ? def.summary(checked.params) : '';
}

// A Subgraph block is named by its file (a `.json` name says what it is), which keeps its title short.
function nodeLabel(n: GraphNode): string {
  const ref = subgraphRef(n);
  return ref !== undefined ? `${n.label ?? n.id} · ${ref || n.type}` : `${n.label ?? n.id} · ${n.type}${summary(n)}`;
}
const signatureOf = (s: NodeSockets) => JSON.stringify([s.inputs.map((i) => i.name), s.outputs.map((o) => o.name)]);

function build(n: GraphNode, sockets: NodeSockets): BlockNode {
  const b = new BlockNode(n.id, nodeLabel(n), n.type);
  for (const s of sockets.inputs) b.addInput(s.name, new ClassicPreset.Input(wire, s.name));
  for (const s of sockets.outputs) b.addOutput(s.name, new ClassicPreset.Output(wire, s.name));
  b.signature = signatureOf(sockets);
  return b;
}

/** A Loss block with nothing wired in: the compiler leaves its term out of the objective. */
function inactiveTerm(n: GraphNode, doc: GraphDocument): boolean {
  const role = blockDef(n.type)?.role;
  return role?.kind === 'term' && !doc.connections.some((c) => c.to.node === n.id && c.to.socket === role.input);
}

/** Puts labels, shapes, errors and the inactive mark on a block; true when anything visible changed. */
function decorate(
  b: BlockNode,
  n: GraphNode,
  sockets: NodeSockets,
  types: SocketTypes | undefined,
  errors: string[],
  inactive: boolean,
): boolean {
  let changed = false;
  const set = <T>(get: () => T, put: (v: T) => void, v: T) => {
    if (JSON.stringify(get()) !== JSON.stringify(v)) {
      put(v);
      changed = true;
    }
  };
  set(
    () => b.label,
    (v) => (b.label = v),
    nodeLabel(n),
  );
  set(
    () => b.errors,
    (v) => (b.errors = v),
    errors,
  );
  set(
    () => b.inactive,
    (v) => (b.inactive = v),
    inactive,
  );
  for (const s of sockets.inputs) {
    const port = b.inputs[s.name];
    if (port)
      set(
        () => port.label,
        (v) => (port.label = v),
        `${s.name}  ${socketText(s, types?.inputs[s.name])}`,
      );
  }
  for (const s of sockets.outputs) {
    const port = b.outputs[s.name];
    if (port)
      set(
        () => port.label,
        (v) => (port.label = v),
        `${socketText(s, types?.outputs[s.name])}  ${s.name}`,
      );
  }
  return changed;
}

const linkKey = (c: Link) =>
  connectionKey({ from: { node: c.source, socket: c.sourceOutput as string }, to: { node: c.target, socket: c.targetInput as string } });

/**
 * Drawing a block makes Rete measure its sockets, and each measure lays the page out again, so
 * a whole file drawn in one go (fig. 6 at load) was one long task. Past this many milliseconds
 * the drawing goes on in a new task, and input and painting get their turn in between.
 */
const SLICE_MS = 12;

/**
 * Brings Rete in line with the document: the document is the truth, Rete only draws it. Only
 * differences are applied, so a reconcile after a gesture that Rete already shows does nothing.
 */
export async function reconcile(editor: NodeEditor<Schemes>, area: AreaPlugin<Schemes, AreaExtra>, view: View): Promise<void> {
  let since = performance.now();
  const breathe = async () => {
    if (performance.now() - since < SLICE_MS) return;
    await nextTask();
    since = performance.now();
  };
  const types = socketTypesOf(view.compiled);
  const errors = errorsByNode(view.compiled);
  const wanted = new Map(view.doc.nodes.map((n) => [n.id, n]));

  const removeNode = async (id: string) => {
    for (const c of editor.getConnections()) if (c.source === id || c.target === id) await editor.removeConnection(c.id);
    await editor.removeNode(id);
  };
  for (const b of editor.getNodes()) if (!wanted.has(b.id)) await removeNode(b.id);

  for (const n of view.doc.nodes) {
    const sockets = nodeSockets(n, view.file, view.files);
    let b = editor.getNode(n.id);
    if (b && (b.signature !== signatureOf(sockets) || b.blockType !== n.type)) {
      await removeNode(n.id);
      b = undefined;
    }
    if (!b) {
      b = build(n, sockets);
      decorate(b, n, sockets, types[n.id], errors.get(n.id) ?? [], inactiveTerm(n, view.doc));
      await editor.addNode(b);
      await area.translate(n.id, n.position);
      await breathe();
      continue;
    }
    if (decorate(b, n, sockets, types[n.id], errors.get(n.id) ?? [], inactiveTerm(n, view.doc))) await area.update('node', n.id);
    const at = area.nodeViews.get(n.id)?.position;
    if (at && (at.x !== n.position.x || at.y !== n.position.y)) await area.translate(n.id, n.position);
  }

  const keys = new Set(view.doc.connections.map(connectionKey));
  for (const c of editor.getConnections()) if (!keys.has(linkKey(c))) await editor.removeConnection(c.id);
  const present = new Set(editor.getConnections().map(linkKey));
  for (const c of view.doc.connections) {
    if (present.has(connectionKey(c))) continue;
    const from = editor.getNode(c.from.node);
    const to = editor.getNode(c.to.node);
    // A wire to a socket the block does not have is drawn nowhere; the compile error says why.
    if (!from?.outputs[c.from.socket] || !to?.inputs[c.to.socket]) continue;
    await editor.addConnection(new Link(from, c.from.socket, to, c.to.socket));
    await breathe();
  }
}

export const categoryOf = (type: string) => blockDef(type)?.category ?? 'structure';
