import { compileGraphFile } from '../src/cli/graphFiles';
import { type CompiledModel, createModel } from '../src/compile/model';
import type { Plan } from '../src/compile/plan';
import { dataConfig, generateDataset } from '../src/physics/dataset';
import { Adam } from '../src/train/adam';
import { datasetSplit } from '../src/train/data';
import { trainingStep } from '../src/train/step';
import type { SplitData } from '../src/train/types';

/** A graph with a small seeded dataset, compiled for that data. */
export function graphData(graph: string, count: number, seed: number, predictionsFromData = false): { plan: Plan; data: SplitData } {
  const config = dataConfig({ count, seed });
  const data = datasetSplit(generateDataset(config));
  const { plan } = compileGraphFile(graph, { data: { samples: config.samples, maxJumps: config.maxJumps }, predictionsFromData });
  return { plan, data };
}

export interface RuntimeStep {
  model: CompiledModel;
  /** exactly the runtime's step: trainingStep with the runtime's Adam (1e-3) */
  step(rows: ArrayLike<number>): number[];
  dispose(): void;
}

export function runtimeStep(plan: Plan, data: SplitData, loss: 'fused' | 'reference' = 'fused'): RuntimeStep {
  const model = createModel(plan, { seed: 1, loss });
  const adam = new Adam(1e-3);
  return {
    model,
    step: (rows) => trainingStep(model, adam, data.train, rows),
    dispose() {
      adam.dispose();
      model.dispose();
    },
  };
}
