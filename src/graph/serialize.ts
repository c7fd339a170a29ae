import { GraphValidationError } from './errors';
import { validateGraph } from './load';
import type { DataConfig, GraphConnection, GraphDocument, GraphNode, RunSection, TrainingConfig } from './types';

/**
 * Canonical text of a graph: fixed key order (params sorted by name), 2-space indent, trailing
 * newline, so saving the same graph always gives the same bytes and diffs stay small.
 * Throws GraphValidationError rather than write a file that would not load back.
 */
export function serializeGraph(doc: GraphDocument): string {
  const errors = validateGraph(doc, 'serializeGraph');
  if (errors.length > 0) throw new GraphValidationError(errors);
  return `${JSON.stringify(canonicalGraph(doc), null, 2)}\n`;
}

/** Copies only known fields, in order; undefined optionals are left out. */
function pick<T extends object>(obj: T, keys: readonly (keyof T)[]): Partial<T> {
  const out: Partial<T> = {};
  for (const k of keys) if (obj[k] !== undefined) out[k] = obj[k];
  return out;
}

function canonicalNode(n: GraphNode): GraphNode {
  const params = Object.fromEntries(
    Object.keys(n.params)
      .sort()
      .map((k) => [k, n.params[k]!]),
  );
  return { id: n.id, type: n.type, ...pick(n, ['label']), params, position: { x: n.position.x, y: n.position.y } };
}

function canonicalConnection(c: GraphConnection): GraphConnection {
  return {
    from: { node: c.from.node, socket: c.from.socket },
    to: { node: c.to.node, socket: c.to.socket },
  };
}

function canonicalRun(r: RunSection): RunSection {
  return {
    data: {
      ...pick(r.data, [
        'count',
        'seed',
        'rule',
        'testFraction',
        'law',
        'system',
        'timing',
        'hold',
        'protocol',
        'params',
        'duration',
        'totalSlipDc',
        'minJumps',
        'maxJumps',
        'holdVelocity',
        'samples',
        'k',
      ]),
      ...(r.data.noise === undefined ? {} : { noise: pick(r.data.noise, ['mu', 'v']) }),
    } as DataConfig,
    training: pick(r.training, ['epochs', 'batchSize', 'learningRate', 'optimizer', 'seed', 'schedule', 'divergence']) as TrainingConfig,
    ...pick(r, ['init']),
    ...(r.edits === undefined
      ? {}
      : {
          edits: r.edits.map((e) => ({
            epoch: e.epoch,
            step: e.step,
            note: e.note,
            patch: {
              nodes: e.patch.nodes.map((n) => ({
                id: n.id,
                before: n.before && canonicalNode(n.before),
                after: n.after && canonicalNode(n.after),
              })),
              connectionsAdded: e.patch.connectionsAdded.map(canonicalConnection),
              connectionsRemoved: e.patch.connectionsRemoved.map(canonicalConnection),
            },
          })),
        }),
  };
}

export function canonicalGraph(doc: GraphDocument): GraphDocument {
  return {
    ...pick(doc, ['$schema']),
    format: doc.format,
    version: doc.version,
    name: doc.name,
    ...pick(doc, ['description']),
    nodes: doc.nodes.map(canonicalNode),
    connections: doc.connections.map(canonicalConnection),
    ...(doc.run === undefined ? {} : { run: canonicalRun(doc.run) }),
  };
}
