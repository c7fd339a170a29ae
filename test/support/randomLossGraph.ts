import type { GraphConnection, GraphDocument, GraphNode } from '../../src/graph';
import type { Rng } from '../../src/util/random';

/**
 * A randomly wired loss graph from the block catalogue: the main net of fig. 2 gives
 * Predictions, the data ports give the fields, and 6–20 random type-correct blocks (Part,
 * Gather, Subtract, Plus, Times, Square, Log, Total, Mean, Replicate, Rest, Most, Scale, MS) feed
 * 1–3 Loss blocks. Log only takes a Square of Predictions minus a field (positive almost surely).
 */
interface Wire {
  node: string;
  kind: 'sequence' | 'jumps' | 'scalar' | 'index';
  /** entries per sequence (0 for a scalar) */
  length: number;
  /** depends on Predictions */
  live: boolean;
}

export function randomLossGraph(rng: Rng, T: number, J: number): GraphDocument {
  const nodes: GraphNode[] = [];
  const connections: GraphConnection[] = [];
  let next = 0;
  const add = (type: string, params: Record<string, number | string>, inputs: Record<string, string>): string => {
    const id = `n${next++}_${type}`;
    nodes.push({ id, type, params, position: { x: next * 10, y: 0 } });
    for (const [socket, from] of Object.entries(inputs))
      connections.push({ from: { node: from, socket: 'out' }, to: { node: id, socket } });
    return id;
  };
  const features = add('Features', {}, {});
  const main = add('Subgraph', { graph: 'fig2-main.json' }, {});
  connections.push({ from: { node: features, socket: 'out' }, to: { node: main, socket: 'Features' } });
  const predictionsOut = add('Output', { name: 'Predictions' }, {});
  connections.push({ from: { node: main, socket: 'Predictions' }, to: { node: predictionsOut, socket: 'in' } });
  // The main net's output is read through a Scale of 1 so that every wire below has socket 'out'.
  const p = add('Scale', { factor: 1 }, {});
  connections.push({ from: { node: main, socket: 'Predictions' }, to: { node: p, socket: 'x' } });

  const wires: Wire[] = [
    { node: p, kind: 'sequence', length: T, live: true },
    { node: add('Targets', {}, {}), kind: 'sequence', length: T, live: false },
    { node: add('LogTerms', {}, {}), kind: 'sequence', length: T, live: false },
    { node: add('HoldPairs', {}, {}), kind: 'sequence', length: T - 1, live: false },
    { node: add('DeltaF', {}, {}), kind: 'jumps', length: J, live: false },
  ];
  const before = add('PosBeforeJ', {}, {});
  const after = add('PosAfterJ', {}, {});
  const nh = add('Nh', {}, {});
  const pick = <A>(xs: A[]): A => xs[rng.int(xs.length)];
  const floats = () => wires.filter((w) => w.kind !== 'index');
  // Prefer live wires so most of the graph carries gradient.
  const pickFloat = () => {
    const live = floats().filter((w) => w.live);
    return rng.next() < 0.75 && live.length ? pick(live) : pick(floats());
  };
  const push = (node: string, like: Omit<Wire, 'node'>) => {
    wires.push({ node, ...like });
    return wires[wires.length - 1];
  };

  const count = 6 + rng.int(15);
  for (let k = 0; k < count; k++) {
    const x = pickFloat();
    const op = rng.int(12);
    if (op <= 2) {
      const partners = floats().filter((w) => w !== x && w.kind === x.kind && w.length === x.length);
      if (!partners.length) continue;
      const y = pick(partners);
      const type = ['Subtract', 'Plus', 'Times'][op];
      push(add(type, {}, { a: x.node, b: y.node }), { kind: x.kind, length: x.length, live: x.live || y.live });
    } else if (op === 3) push(add('Square', {}, { x: x.node }), { ...x });
    else if (op === 4) push(add(rng.next() < 0.5 ? 'Total' : 'Mean', {}, { x: x.node }), { kind: 'scalar', length: 0, live: x.live });
    else if (op === 5 && x.kind === 'scalar') push(add('Replicate', {}, { x: x.node }), { kind: 'sequence', length: T, live: x.live });
    else if (op === 6 && x.kind !== 'scalar' && x.length >= 2) {
      push(add(rng.next() < 0.5 ? 'Rest' : 'Most', {}, { x: x.node }), { kind: x.kind, length: x.length - 1, live: x.live });
    } else if (op === 7 && x.kind !== 'scalar') {
      // a fixed index (1-based, either end) or the data's Nh, which may fall outside a shortened row
      if (rng.next() < 0.5) {
        const id = add('Part', { index: (rng.int(x.length) + 1) * (rng.next() < 0.5 ? 1 : -1) }, { x: x.node });
        push(id, { kind: 'scalar', length: 0, live: x.live });
      } else push(add('Part', {}, { x: x.node, at: nh }), { kind: 'scalar', length: 0, live: x.live });
    } else if (op === 8 && x.kind === 'sequence') {
      push(add('Gather', {}, { x: x.node, at: rng.next() < 0.5 ? before : after }), { kind: 'jumps', length: J, live: x.live });
    } else if (op === 9) push(add('Scale', { factor: Number((rng.normal() * 3).toFixed(3)) }, { x: x.node }), { ...x });
    else if (op === 10 && x.kind !== 'scalar') {
      const partners = floats().filter((w) => w !== x && w.kind === x.kind && w.length === x.length);
      if (!partners.length) continue;
      push(add('MS', {}, { a: x.node, b: pick(partners).node }), { kind: 'scalar', length: 0, live: true });
    } else if (op === 11) {
      const diff = add('Subtract', {}, { a: p, b: wires[1].node });
      push(add('Log', {}, { x: add('Square', {}, { x: diff }) }), { kind: 'sequence', length: T, live: true });
    }
  }
  // 1–3 Loss blocks, each on a scalar reduction of a live wire (Scale-weighted now and then).
  const losses = 1 + rng.int(3);
  for (let l = 0; l < losses; l++) {
    const live = wires.filter((w) => w.live);
    const x = pick(live);
    let s = x.kind === 'scalar' ? x.node : add(rng.next() < 0.5 ? 'Total' : 'Mean', {}, { x: x.node });
    if (rng.next() < 0.5) s = add('Scale', { factor: Number((0.1 + rng.next()).toFixed(3)) }, { x: s });
    add('Loss', { name: `L${l}` }, { value: s });
  }
  return { format: 'slidegraph/graph', version: 1, name: 'random loss graph', nodes, connections } as GraphDocument;
}
