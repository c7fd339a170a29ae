import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { assemblePlan, collectSocketTypes } from '../../src/compile/assemble';
import { collectEnds } from '../../src/compile/ends';
import { expandSubgraphs, type Resolver } from '../../src/compile/expand';
import { orderBlocks } from '../../src/compile/order';
import { resolveBlocks } from '../../src/compile/resolveBlocks';
import { inferTypes } from '../../src/compile/shapes';
import { connectWires, PREDICTIONS_NODE, scorePredictions } from '../../src/compile/wires';
import type { GraphConnection, GraphDocument, GraphNode, ParamValue } from '../../src/graph';

/**
 * Each phase of compileGraph on its own, on graphs small enough to work out by hand. The
 * compiler's whole behaviour is tested through compileGraph elsewhere (fusedLoss, losses, check).
 */

const data = { samples: 10, maxJumps: 3 };

function node(id: string, type: string, params: Record<string, ParamValue> = {}): GraphNode {
  return { id, type, params, position: { x: 0, y: 0 } };
}
function wire(from: string, to: string, toSocket: string, fromSocket = 'out'): GraphConnection {
  return { from: { node: from, socket: fromSocket }, to: { node: to, socket: toSocket } };
}
function doc(nodes: GraphNode[], connections: GraphConnection[], name = 'g'): GraphDocument {
  return { format: 'slidegraph/graph', version: 1, name, nodes, connections } as GraphDocument;
}
const files = (m: Record<string, GraphDocument>): Resolver => {
  return (ref) => (m[ref] ? { ok: true, doc: m[ref], file: ref } : { ok: false, message: `no file '${ref}'` });
};

/** Phases 1–3 of a document without sub-graphs, for the later phases' inputs. */
function front(d: GraphDocument) {
  const { graph } = expandSubgraphs(d, 'g.json', undefined);
  const { nodes } = resolveBlocks(graph.nodes);
  const wired = connectWires(nodes, graph.connections, new Set(graph.nodes.map((n) => n.id)));
  return { graph, nodes, ...wired };
}
function typed(d: GraphDocument) {
  const f = front(d);
  const ordered = orderBlocks(f.nodes, f.feeds);
  assert.ok(ordered.ok);
  return { ...f, order: ordered.order, ...inferTypes(ordered.order, f.nodes, f.feeds, data, f.quiet) };
}

// A main net in a sub-graph: Features → (Input x → GRU 4 → Linear 1 → Output y) → Output Predictions,
// and a loss: MS(Predictions, Targets) → Scale 0.5 → Scale 3 → Loss ME.
const main = doc(
  [
    node('x', 'Input', { name: 'x', kind: 'sequence' }),
    node('gru', 'GRU', { units: 4 }),
    node('lin', 'Linear'),
    node('y', 'Output', { name: 'y' }),
  ],
  [wire('x', 'gru', 'x'), wire('gru', 'lin', 'x'), wire('lin', 'y', 'in')],
  'main',
);
const top = doc(
  [
    node('f', 'Features'),
    node('net', 'Subgraph', { graph: 'main.json' }),
    node('p', 'Output', { name: 'Predictions' }),
    node('t', 'Targets'),
    node('ms', 'MS'),
    node('half', 'Scale', { factor: 0.5 }),
    node('three', 'Scale', { factor: 3 }),
    node('me', 'Loss', { name: 'ME' }),
    node('unused', 'Square'),
  ],
  [
    wire('f', 'net', 'x'),
    wire('net', 'p', 'in', 'y'),
    wire('net', 'ms', 'a', 'y'),
    wire('t', 'ms', 'b'),
    wire('ms', 'half', 'x'),
    wire('half', 'three', 'x'),
    wire('three', 'me', 'value'),
    wire('t', 'unused', 'x'),
  ],
);

describe('phase 1: expandSubgraphs', () => {
  test('inlines a sub-graph: its ports become pass-throughs on the Subgraph block’s wires', () => {
    const { graph, errors } = expandSubgraphs(top, 'top.json', files({ 'main.json': main }));
    assert.deepEqual(errors, []);
    const inner = graph.nodes.filter((n) => n.path[0] === 'net').map((n) => [n.id, n.type, n.path.join('>')]);
    assert.deepEqual(inner, [
      ['net/x', '$in', 'net>x'],
      ['net/gru', 'GRU', 'net>gru'],
      ['net/lin', 'Linear', 'net>lin'],
      ['net/y', '$out', 'net>y'],
    ]);
    assert.ok(!graph.nodes.some((n) => n.type === 'Subgraph'));
    // Features → Subgraph.x becomes Features → $in; Subgraph.y → p becomes $out.out → p.in
    assert.ok(graph.connections.some((c) => c.from.node === 'f' && c.to.node === 'net/x' && c.to.socket === 'in'));
    assert.ok(graph.connections.some((c) => c.from.node === 'net/y' && c.from.socket === 'out' && c.to.node === 'p'));
    assert.deepEqual([...graph.boundaries.get('net')!.inputs], [['x', 'net/x']]);
    assert.deepEqual([...graph.boundaries.get('net')!.outputs], [['y', 'net/y']]);
    // 9 top-level blocks (the Subgraph included) and 4 inside it
    assert.equal(graph.expanded, 13);
  });

  test('a missing file, a file that includes itself and two ports of one name are errors on the top-level block', () => {
    const missing = expandSubgraphs(doc([node('s', 'Subgraph', { graph: 'nope.json' })], []), 'top.json', files({}));
    assert.deepEqual(
      missing.errors.map((e) => [e.nodeId, e.code, e.message]),
      [['s', 'subgraph-not-found', "no file 'nope.json'"]],
    );
    const loop = doc([node('again', 'Subgraph', { graph: 'loop.json' })], [], 'loop');
    const rec = expandSubgraphs(doc([node('s', 'Subgraph', { graph: 'loop.json' })], []), 'top.json', files({ 'loop.json': loop }));
    assert.deepEqual(
      rec.errors.map((e) => [e.nodeId, e.code, e.path]),
      [['s', 'subgraph-recursion', ['s', 'again']]],
    );
    const twice = doc([node('a', 'Input', { name: 'x' }), node('b', 'Input', { name: 'x' })], [], 'twice');
    const dup = expandSubgraphs(doc([node('s', 'Subgraph', { graph: 't.json' })], []), 'top.json', files({ 't.json': twice }));
    assert.deepEqual(
      dup.errors.map((e) => [e.nodeId, e.code, e.message]),
      [['s', 'duplicate-name', "two Input blocks are named 'x'"]],
    );
  });

  test('top-level ports stay as they are: they are the graph’s own ends', () => {
    const { graph } = expandSubgraphs(main, 'main.json', undefined);
    assert.deepEqual(
      graph.nodes.map((n) => n.type),
      ['Input', 'GRU', 'Linear', 'Output'],
    );
  });
});

describe('phase 2: resolveBlocks', () => {
  test('finds each block, fills default params and leaves out the nodes it refuses', () => {
    const { nodes, errors } = resolveBlocks([
      { id: 'g', type: 'GRU', params: {}, path: ['g'] },
      { id: 's/x', type: '$in', params: { name: 'x', kind: 'jumps' }, path: ['s', 'x'] },
      { id: 'q', type: 'Quux', params: {}, path: ['q'] },
      { id: 'l', type: 'Linear', params: { units: 0 }, path: ['l'] },
      { id: 'm', type: 'Mean', params: { axis: 1 }, path: ['m'] },
    ]);
    assert.deepEqual([...nodes.keys()], ['g', 's/x']);
    assert.deepEqual(nodes.get('g')!.params, { units: 32 });
    assert.equal(nodes.get('s/x')!.block.type, '$in');
    assert.deepEqual(
      errors.map((e) => [e.nodeId, e.code]),
      [
        ['q', 'unknown-block'],
        ['l', 'bad-param'],
        ['m', 'unknown-param'],
      ],
    );
    assert.equal(errors[1].message, "parameter 'units' must lie in [1, 1024], got 0");
  });
});

describe('phase 3: connectWires and scorePredictions', () => {
  test('records each input’s source and refuses unknown sockets, doubled inputs and wires to nowhere', () => {
    const d = doc(
      [node('f', 'Features'), node('t', 'Targets'), node('ms', 'MS'), node('sq', 'Square'), node('bad', 'Quux'), node('after', 'Square')],
      [
        wire('f', 'ms', 'a'),
        wire('t', 'ms', 'b'),
        wire('t', 'ms', 'b'),
        wire('f', 'sq', 'y'),
        wire('ghost', 'sq', 'x'),
        wire('bad', 'after', 'x'),
      ],
    );
    const { graph } = expandSubgraphs(d, 'g.json', undefined);
    const { nodes } = resolveBlocks(graph.nodes);
    const { feeds, errors, quiet } = connectWires(nodes, graph.connections, new Set(graph.nodes.map((n) => n.id)));
    assert.deepEqual(Object.fromEntries(feeds.get('ms')!), { a: { node: 'f', socket: 'out' }, b: { node: 't', socket: 'out' } });
    assert.deepEqual(
      errors.map((e) => [e.nodeId, e.code, e.socket]),
      [
        ['ms', 'duplicate-input', 'b'],
        ['sq', 'unknown-socket', 'y'],
        ['sq', 'dangling-connection', 'x'],
      ],
    );
    assert.equal(errors[1].message, "Square has no input 'y' (it has x)");
    // 'after' is fed by a block that failed to resolve: no error of its own, but quiet.
    assert.deepEqual([...quiet].sort(), ['after', 'ms', 'sq']);
  });

  test('scoring given predictions feeds the batch field into everything that read the main net', () => {
    const { graph } = expandSubgraphs(top, 'top.json', files({ 'main.json': main }));
    const { nodes } = resolveBlocks(graph.nodes);
    const s = scorePredictions(nodes, graph.connections);
    assert.deepEqual(s.replaced, { node: 'net/y', socket: 'out' });
    assert.equal(s.nodes.get(PREDICTIONS_NODE)!.block.type, 'Predictions');
    const fromField = s.connections.filter((c) => c.from.node === PREDICTIONS_NODE).map((c) => `${c.to.node}.${c.to.socket}`);
    assert.deepEqual(fromField.sort(), ['ms.a', 'p.in']);
    assert.equal(nodes.has(PREDICTIONS_NODE), false, 'the input map is left as it was');
    const none = scorePredictions(nodes, []);
    assert.equal(none.replaced, undefined);
  });
});

describe('phase 4: orderBlocks', () => {
  test('puts every block after its sources', () => {
    const f = front(top);
    const ordered = orderBlocks(f.nodes, f.feeds);
    assert.ok(ordered.ok);
    const at = (id: string) => ordered.order.indexOf(id);
    for (const [to, m] of f.feeds) for (const ref of m.values()) assert.ok(at(ref.node) < at(to), `${ref.node} before ${to}`);
    assert.equal(ordered.order.length, f.nodes.size);
  });

  test('a cycle is one error naming the loop and every block in it', () => {
    const d = doc(
      [node('f', 'Features'), node('a', 'Plus'), node('b', 'Square')],
      [wire('f', 'a', 'a'), wire('b', 'a', 'b'), wire('a', 'b', 'x')],
    );
    const f = front(d);
    const ordered = orderBlocks(f.nodes, f.feeds);
    assert.ok(!ordered.ok);
    assert.equal(ordered.error.code, 'cycle');
    assert.deepEqual([...ordered.error.nodes!].sort(), ['a', 'b']);
    assert.match(ordered.error.message, /^is part of a cycle: (a → b → a|b → a → b)$/);
  });

  test('a block that only follows a cycle is not taken for part of it', () => {
    // Kahn leaves lin, ms and l over; a walk forward from lin could run into l, which leads nowhere.
    const d = doc(
      [node('t', 'Targets'), node('ms', 'MS'), node('l', 'Loss'), node('lin', 'Linear')],
      [wire('lin', 'ms', 'a'), wire('t', 'ms', 'b'), wire('ms', 'l', 'value'), wire('lin', 'lin', 'x')],
    );
    const f = front(d);
    const ordered = orderBlocks(f.nodes, f.feeds);
    assert.ok(!ordered.ok);
    assert.deepEqual([ordered.error.nodeId, ordered.error.nodes, ordered.error.message], ['lin', ['lin'], 'is part of a cycle: lin → lin']);
  });
});

describe('phase 5: inferTypes', () => {
  test('types every socket from the data shape and the params, and sizes the weights', () => {
    const d = doc(
      [node('x', 'Input', { name: 'Features', kind: 'sequence' }), node('gru', 'GRU', { units: 4 }), node('lin', 'Linear', { units: 2 })],
      [wire('x', 'gru', 'x'), wire('gru', 'lin', 'x')],
    );
    const { steps, errors } = typed(d);
    assert.deepEqual(errors, []);
    const by = Object.fromEntries(steps.map((s) => [s.id, s]));
    assert.deepEqual(by.x.outputTypes, { out: { kind: 'sequence', shape: [10] } });
    assert.deepEqual(by.gru.outputTypes, { out: { kind: 'sequence', shape: [10, 4] } });
    assert.deepEqual(by.lin.outputTypes, { out: { kind: 'sequence', shape: [10, 2] } });
    // GRU: kernel [F=1, 3·4], recurrent [4, 12], bias [12]; Linear: kernel [4, 2], bias [2]
    assert.deepEqual(
      by.gru.weights.map((w) => w.shape),
      [[1, 12], [4, 12], [12]],
    );
    assert.deepEqual(
      by.lin.weights.map((w) => w.shape),
      [[4, 2], [2]],
    );
  });

  test('a top-level Input must name a dataset field of the kind it declares', () => {
    const d = doc([node('x', 'Input', { name: 'Nope' }), node('j', 'Input', { name: 'PosBeforeJ', kind: 'sequence' })], []);
    const { steps, errors } = typed(d);
    assert.deepEqual(steps, []);
    assert.deepEqual(
      errors.map((e) => [e.nodeId, e.code, e.socket]),
      [
        ['x', 'unbound-input', 'out'],
        ['j', 'type-mismatch', 'out'],
      ],
    );
    assert.equal(errors[1].message, "Input 'PosBeforeJ' is declared sequence, but the field is index[3]");
  });

  test('one error per block; blocks fed by a failed block say nothing; a shape rule’s refusal names its socket', () => {
    const d = doc(
      [node('ms', 'MS'), node('sq', 'Square'), node('f', 'Features'), node('j', 'DeltaF'), node('ms2', 'MS')],
      [wire('ms', 'sq', 'x'), wire('f', 'ms2', 'a'), wire('j', 'ms2', 'b')],
    );
    const { errors } = typed(d);
    assert.deepEqual(
      errors.map((e) => [e.nodeId, e.code, e.socket]),
      [
        ['ms', 'missing-input', 'a'],
        ['ms2', 'shape', 'b'],
      ],
    );
    assert.equal(errors[1].message, 'must match a: a is sequence[10], b is jumps[3]');
  });

  test('quiet blocks get no missing-input error', () => {
    const d = doc([node('ms', 'MS')], []);
    const f = front(d);
    assert.equal(inferTypes(['ms'], f.nodes, f.feeds, data, new Set(['ms'])).errors.length, 0);
    assert.equal(inferTypes(['ms'], f.nodes, f.feeds, data, new Set()).errors.length, 1);
  });
});

describe('phase 6: collectEnds', () => {
  test('names the outputs and the loss terms; a term is also traced back through the Scale blocks that weight it', () => {
    const { graph } = expandSubgraphs(top, 'top.json', files({ 'main.json': main }));
    const { nodes } = resolveBlocks(graph.nodes);
    const w = connectWires(nodes, graph.connections, new Set(graph.nodes.map((n) => n.id)));
    const ordered = orderBlocks(nodes, w.feeds);
    assert.ok(ordered.ok);
    const { steps } = inferTypes(ordered.order, nodes, w.feeds, data, w.quiet);
    const ends = collectEnds(steps, nodes);
    assert.deepEqual(ends.errors, []);
    assert.deepEqual(ends.outputs, { Predictions: { node: 'net/y', socket: 'out' } });
    assert.deepEqual(ends.losses, [{ name: 'ME', value: { node: 'three', socket: 'out' }, raw: { node: 'ms', socket: 'out' } }]);
  });

  test('two outputs or two terms of one name are refused', () => {
    const d = doc(
      [node('f', 'Features'), node('o1', 'Output', { name: 'A' }), node('o2', 'Output', { name: 'A' }), node('m', 'Mean')],
      [wire('f', 'o1', 'in'), wire('f', 'o2', 'in'), wire('f', 'm', 'x')],
    );
    const t = typed(
      doc(
        [...d.nodes, node('l1', 'Loss', { name: 'H' }), node('l2', 'Loss', { name: 'H' })],
        [...d.connections, wire('m', 'l1', 'value'), wire('m', 'l2', 'value')],
      ),
    );
    const ends = collectEnds(t.steps, t.nodes);
    assert.deepEqual(
      ends.errors.map((e) => [e.nodeId, e.message]),
      [
        ['o2', "two Output blocks are named 'A'"],
        ['l2', "two Loss blocks are named 'H'"],
      ],
    );
  });
});

describe('phase 7: assemblePlan', () => {
  test('keeps only what an output or a term needs, marks the main net and lists the fields read', () => {
    const { graph } = expandSubgraphs(top, 'top.json', files({ 'main.json': main }));
    const { nodes } = resolveBlocks(graph.nodes);
    const w = connectWires(nodes, graph.connections, new Set(graph.nodes.map((n) => n.id)));
    const ordered = orderBlocks(nodes, w.feeds);
    assert.ok(ordered.ok);
    const { steps } = inferTypes(ordered.order, nodes, w.feeds, data, w.quiet);
    const ends = collectEnds(steps, nodes);
    const socketTypes = collectSocketTypes(steps, nodes, graph.boundaries);
    // The Subgraph block's sockets carry the types of the pass-throughs behind them.
    assert.deepEqual(socketTypes.net, {
      inputs: { x: { kind: 'sequence', shape: [10] } },
      outputs: { y: { kind: 'sequence', shape: [10] } },
    });
    const plan = assemblePlan(steps, ends.outputs, ends.losses, data, socketTypes);
    assert.ok(!plan.steps.some((s) => s.id === 'unused'));
    assert.ok(steps.some((s) => s.id === 'unused'));
    assert.deepEqual([...plan.mainNet].sort(), ['f', 'net/gru', 'net/lin', 'net/x', 'net/y']);
    assert.deepEqual(plan.fields.sort(), ['Features', 'Targets']);
    // The Output and Loss blocks name wires (plan.outputs, plan.losses): they are not steps.
    assert.ok(!plan.steps.some((s) => s.id === 'me' || s.id === 'p'));
    assert.deepEqual(plan.outputs, ends.outputs);
  });
});
