/**
 * The library surface of the `slidegraph` package: load a graph document, compile it to a plan,
 * generate or read a dataset, and train (an observable stream of events). Everything here runs in
 * Node and in the browser; file reading is the caller's. Training a graph file into a run folder
 * (Node only) is `slidegraph/node`, src/node.ts.
 */

export { type CompileOptions, compileGraph } from './compile/compile';
export { type CompileError, formatCompileError } from './compile/errors';
export type { Resolver } from './compile/expand';
export { type Batch, type CompiledModel, createModel, type ModelOptions } from './compile/model';
export { type CompileResult, type Plan, type PlanStep, trainableCount } from './compile/plan';
export { type GraphLoadResult, loadGraph, loadGraphValue, validateGraph } from './graph/load';
export { serializeGraph } from './graph/serialize';
export {
  CURRENT_GRAPH_VERSION,
  type DataConfig as GraphDataConfig,
  type GraphConnection,
  type GraphDocument,
  type GraphNode,
  RUN_DEFAULTS,
  type RunSection,
} from './graph/types';
export { type FloorResult, informationFloor } from './paper/floor';
export { type Experiment, parseExperimentsCsv } from './physics/csv';
export { criticalStiffness, type DataConfig, type Dataset, dataConfig, generateDataset, type Sequence } from './physics/dataset';
export { datasetJsonChunks, parseDataset } from './physics/datasetFile';
export { frictionLaw, steadyStateTheta } from './physics/frictionLaw';
export { type ImportOptions, importDataset, importDefaults } from './physics/importExperiments';
export { withSliderVelocity } from './physics/lab/sliderVelocity';
export { cutWindows, type WindowOptions } from './physics/lab/windows';
export { characteristic, paperParams, type RsfParams } from './physics/params';
export { type Protocol, validateProtocol } from './physics/protocol';
export { type Simulation, simulate } from './physics/simulate';
export { type SpringProtocol, type SpringSimulation, simulateSpringSlider } from './physics/springSlider';
export { evolveState, type StateLaw, stateLaws, steadyState } from './physics/stateLaws';
export { datasetSplit } from './train/data';
export { type PackedData, pack } from './train/pack';
export { train } from './train/train';
export type { Checkpoint, NamedWeights, SplitData, TrainCommand, TrainEvent, TrainOptions } from './train/types';
