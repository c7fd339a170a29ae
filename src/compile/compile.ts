import type { DataShape } from '../../nodes/block';
import type { GraphDocument } from '../graph';
import { assemblePlan, collectSocketTypes } from './assemble';
import { collectEnds } from './ends';
import { expandSubgraphs, type Resolver } from './expand';
import { orderBlocks } from './order';
import type { CompileResult } from './plan';
import { resolveBlocks } from './resolveBlocks';
import { inferTypes } from './shapes';
import { connectWires, PREDICTIONS_NODE, scorePredictions } from './wires';

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

/**
 * A graph document checked and planned, as a chain of phases (each exported and tested on its
 * own): expand sub-graphs → resolve blocks → connect wires → order → infer types → collect
 * outputs and loss terms → assemble the plan. Each phase reports what it finds and the next
 * goes on, so one compile names every independent error; only too large a graph and a cycle
 * stop it early.
 */
export function compileGraph(doc: GraphDocument, options: CompileOptions = {}): CompileResult {
  const data = options.data ?? defaultDataShape;
  const expanded = expandSubgraphs(doc, options.file ?? doc.name, options.resolve);
  // Past the limit the expansion stopped half-way; only that is worth saying.
  const tooLarge = expanded.errors.find((e) => e.code === 'too-large');
  if (tooLarge) return { ok: false, errors: [tooLarge], socketTypes: {} };
  const flat = expanded.graph;

  const resolved = resolveBlocks(flat.nodes);
  let { nodes } = resolved;
  let { connections } = flat;
  let scored = false;
  if (options.predictionsFromData) {
    const s = scorePredictions(nodes, connections);
    ({ nodes, connections } = s);
    scored = s.replaced !== undefined;
  }
  const wired = connectWires(nodes, connections, new Set(flat.nodes.map((f) => f.id)));
  const errors = [...expanded.errors, ...resolved.errors, ...wired.errors];

  const ordered = orderBlocks(nodes, wired.feeds);
  if (!ordered.ok) return { ok: false, errors: [...errors, ordered.error], socketTypes: {} };

  const typed = inferTypes(ordered.order, nodes, wired.feeds, data, wired.quiet);
  const ends = collectEnds(typed.steps, nodes);
  // A loop, not push(...): a graph of 10⁵ blocks can have as many errors, past the engine's argument limit.
  for (const e of [...typed.errors, ...ends.errors]) errors.push(e);
  if (scored && !ends.outputs.Predictions) ends.outputs.Predictions = { node: PREDICTIONS_NODE, socket: 'out' };

  const socketTypes = collectSocketTypes(typed.steps, nodes, flat.boundaries);
  if (errors.length) return { ok: false, errors, socketTypes };
  const inactive = typed.inactive.map((id) => {
    const n = nodes.get(id)!;
    return { id, name: String(n.params[n.block.role.kind === 'term' ? n.block.role.name : 'name']) };
  });
  return { ok: true, plan: assemblePlan(typed.steps, ends.outputs, ends.losses, data, socketTypes, inactive) };
}
