import type { GraphDocument } from '../../src/graph/index';

/** Fig. 3 (initial-condition loss) with a run section: small, but uses every field. */
export function sampleGraph(): GraphDocument {
  return {
    format: 'slidegraph/graph',
    version: 1,
    name: 'Initial condition (fig. 3)',
    description: 'Eq. (10): (Part(Predictions, 1) - Part(Targets, 1))^2',
    nodes: [
      { id: 'predictions', type: 'Predictions', params: {}, position: { x: 0, y: 0 } },
      { id: 'targets', type: 'Targets', params: {}, position: { x: 0, y: 120 } },
      { id: 'part_p', type: 'Part', params: { index: 1 }, position: { x: 200, y: 0 } },
      { id: 'part_t', type: 'Part', params: { index: 1 }, position: { x: 200, y: 120 } },
      { id: 'sub', type: 'Subtract', params: {}, position: { x: 400, y: 60 } },
      { id: 'sq', type: 'Square', params: {}, position: { x: 600, y: 60 }, label: 'square' },
      { id: 'loss', type: 'Loss', params: { weight: 1, name: 'ICs', enabled: true }, position: { x: 800, y: 60.5 } },
    ],
    connections: [
      { from: { node: 'predictions', socket: 'out' }, to: { node: 'part_p', socket: 'in' } },
      { from: { node: 'targets', socket: 'out' }, to: { node: 'part_t', socket: 'in' } },
      { from: { node: 'part_p', socket: 'out' }, to: { node: 'sub', socket: 'a' } },
      { from: { node: 'part_t', socket: 'out' }, to: { node: 'sub', socket: 'b' } },
      { from: { node: 'sub', socket: 'out' }, to: { node: 'sq', socket: 'in' } },
      { from: { node: 'sq', socket: 'out' }, to: { node: 'loss', socket: 'in' } },
    ],
    run: {
      data: { count: 15000, seed: 42, rule: 'equal-slip', testFraction: 0.2 },
      training: { epochs: 50, batchSize: 32, learningRate: 1e-3, optimizer: 'adam', seed: 7 },
      init: 'runs/me',
    },
  };
}

export function textOf(value: unknown): string {
  return JSON.stringify(value, null, 2);
}
