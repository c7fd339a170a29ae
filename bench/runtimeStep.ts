import { compileGraph } from '../src/compile/compile';
import { type CompiledModel, createModel } from '../src/compile/model';
import type { Plan } from '../src/compile/plan';
import { dataConfig, generateDataset } from '../src/physics/dataset';
import { fileResolver, readGraphFile } from '../src/runs/graphFiles';
import { Adam } from '../src/train/adam';
import { datasetSplit } from '../src/train/data';
import { trainingStep } from '../src/train/step';
import type { SplitData } from '../src/train/types';
import { TfOpsAdam } from './tfAdam';

export interface GraphDataOptions {
  /** GRU units in every sub-graph (the main net of fig. 2); default as in the file */
  hidden?: number;
  /** jump slots J per sequence (and at most that many jumps); default the data's */
  jumps?: number;
  predictionsFromData?: boolean;
}

/** A graph with a small seeded dataset, compiled for that data. */
export function graphData(graph: string, count: number, seed: number, o: GraphDataOptions = {}): { plan: Plan; data: SplitData } {
  const config = dataConfig({ count, seed, ...(o.jumps ? { maxJumps: o.jumps, minJumps: Math.min(o.jumps, 2) } : {}) });
  const data = datasetSplit(generateDataset(config));
  const resolve: typeof fileResolver = (ref, from) => {
    const r = fileResolver(ref, from);
    if (!r.ok || !o.hidden) return r;
    const nodes = r.doc.nodes.map((n) => (n.type === 'GRU' ? { ...n, params: { ...n.params, units: o.hidden! } } : n));
    return { ...r, doc: { ...r.doc, nodes } };
  };
  const r = compileGraph(readGraphFile(graph).doc, {
    file: graph,
    resolve,
    data: { samples: config.samples, maxJumps: config.maxJumps },
    predictionsFromData: o.predictionsFromData,
  });
  if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('; '));
  return { plan: r.plan, data };
}

export interface RuntimeStep {
  model: CompiledModel;
  /** exactly the runtime's step: trainingStep with the runtime's Adam (1e-3) */
  step(rows: ArrayLike<number>): number[];
  dispose(): void;
}

/** `loss: 'reference'` and `adam: 'tfjs'` rebuild the step as it was before the loss and Adam were fused. */
export function runtimeStep(
  plan: Plan,
  data: SplitData,
  loss: 'fused' | 'reference' = 'fused',
  adamKind: 'host' | 'tfjs' = 'host',
): RuntimeStep {
  const model = createModel(plan, { seed: 1, loss });
  const adam = adamKind === 'host' ? new Adam(1e-3) : new TfOpsAdam(1e-3);
  return {
    model,
    step: (rows) => trainingStep(model, adam, data.train, rows),
    dispose() {
      adam.dispose();
      model.dispose();
    },
  };
}
