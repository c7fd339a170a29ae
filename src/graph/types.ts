import { defaultDataConfig } from '../physics/dataDefaults';
import type { DataConfig as PhysicsDataConfig } from '../physics/dataset';

/** The file-level identity of a Slidegraph graph document. */
export const GRAPH_FORMAT = 'slidegraph/graph';

/** The version this build writes. Older versions are migrated on load; newer ones are refused. */
export const CURRENT_GRAPH_VERSION = 1;

/** Parameter values are JSON scalars; numbers must be finite. */
export type ParamValue = number | string | boolean;

export interface GraphNode {
  id: string;
  /** Block type name, resolved by the block registry (not here). */
  type: string;
  params: Record<string, ParamValue>;
  position: { x: number; y: number };
  label?: string;
}

export interface SocketRef {
  node: string;
  socket: string;
}

export interface GraphConnection {
  from: SocketRef;
  to: SocketRef;
}

export type SlipRule = 'equal-slip' | 'literal';

/**
 * The run section's data settings: a sparse view of the physics DataConfig (src/physics/dataset.ts,
 * the one data-config type). Absent optional fields take DATA_DEFAULTS.
 */
export interface DataConfig {
  /** Number of sequences; DATA_DEFAULTS.count when absent. */
  count?: number;
  seed: number;
  rule: SlipRule;
  /** Fraction of sequences held out for testing; DATA_DEFAULTS.testFraction when absent. */
  testFraction?: number;
  law?: PhysicsDataConfig['law'];
  system?: PhysicsDataConfig['system'];
  timing?: PhysicsDataConfig['timing'];
  hold?: PhysicsDataConfig['hold'];
  /** 'jumps' (the paper's) when absent; 'shs' is slide-hold-slide */
  protocol?: PhysicsDataConfig['protocol'];
  /** the generator's physics (issue 24): the paper's values when absent (docs/data.md) */
  params?: Partial<PhysicsDataConfig['params']>;
  duration?: number;
  totalSlipDc?: number;
  minJumps?: number;
  maxJumps?: number;
  holdVelocity?: number;
  samples?: number;
  /** spring stiffness for system 'spring-slider' */
  k?: number;
  noise?: { mu?: number; v?: number };
}

/** A learning-rate schedule; src/train/schedule.ts computes the rates. */
export type Schedule = { type: 'constant' } | { type: 'cosine'; min: number } | { type: 'step'; every: number; factor: number };

export interface TrainingConfig {
  epochs: number;
  batchSize: number;
  learningRate: number;
  optimizer: 'adam';
  seed?: number;
  /** learning rate per epoch; constant when absent (src/train/schedule.ts) */
  schedule?: Schedule;
  /** Stop when the loss grows past this factor over its lowest value (docs/reliability.md). */
  divergence?: number;
}

/** What one edit changed in a graph: the nodes before and after (null: absent), and the wires. */
export interface GraphPatch {
  nodes: { id: string; before: GraphNode | null; after: GraphNode | null }[];
  connectionsAdded: GraphConnection[];
  connectionsRemoved: GraphConnection[];
}

/** One hot swap of a live-edited run: it took effect after `step` optimizer steps, in `epoch` (from 1). */
export interface RunEdit {
  epoch: number;
  step: number;
  note: string;
  patch: GraphPatch;
}

export interface RunSection {
  data: DataConfig;
  training: TrainingConfig;
  /** Path of an earlier run folder whose main-net weights initialize this run. */
  init?: string;
  /**
   * The edits of a live-edited run, oldest first. The document's nodes and wires are the graph
   * after the last one; the run starts from the graph with all of them undone (src/graph/patch.ts).
   */
  edits?: RunEdit[];
}

export interface GraphDocument {
  /** Optional pointer to the published schema, for editors; kept as written. */
  $schema?: string;
  format: typeof GRAPH_FORMAT;
  version: typeof CURRENT_GRAPH_VERSION;
  name: string;
  description?: string;
  nodes: GraphNode[];
  connections: GraphConnection[];
  run?: RunSection;
}

/**
 * Defaults are documented in the schema but not written into loaded documents, so that
 * load(serialize(doc)) stays equal to doc; consumers resolve them with resolveDataConfig.
 */
export const DATA_DEFAULTS = {
  count: defaultDataConfig.count,
  testFraction: defaultDataConfig.testFraction,
  law: defaultDataConfig.law,
  system: defaultDataConfig.system,
  timing: defaultDataConfig.timing,
  hold: defaultDataConfig.hold,
  k: defaultDataConfig.k,
  noise: defaultDataConfig.noise,
} as const satisfies Partial<PhysicsDataConfig>;

/** The paper's procedure (SPEC §3), for a document that has no run section yet. */
export const RUN_DEFAULTS: RunSection = {
  data: {
    count: DATA_DEFAULTS.count,
    seed: defaultDataConfig.seed,
    rule: defaultDataConfig.rule,
    testFraction: DATA_DEFAULTS.testFraction,
  },
  training: { epochs: 50, batchSize: 32, learningRate: 1e-3, optimizer: 'adam' },
};

/** Settings passed on only when a document sets them, so nothing recorded for older runs changes. */
type PassedOn = 'protocol' | 'params' | 'duration' | 'totalSlipDc' | 'minJumps' | 'maxJumps' | 'holdVelocity' | 'samples';
const passedOn: readonly PassedOn[] = ['protocol', 'params', 'duration', 'totalSlipDc', 'minJumps', 'maxJumps', 'holdVelocity', 'samples'];

export type ResolvedDataConfig = Required<Omit<DataConfig, 'noise' | PassedOn>> & {
  noise: { mu: number; v: number };
} & Pick<DataConfig, PassedOn>;

export function resolveDataConfig(data: DataConfig): ResolvedDataConfig {
  return {
    count: data.count ?? DATA_DEFAULTS.count,
    seed: data.seed,
    rule: data.rule,
    testFraction: data.testFraction ?? DATA_DEFAULTS.testFraction,
    law: data.law ?? DATA_DEFAULTS.law,
    system: data.system ?? DATA_DEFAULTS.system,
    timing: data.timing ?? DATA_DEFAULTS.timing,
    hold: data.hold ?? DATA_DEFAULTS.hold,
    k: data.k ?? DATA_DEFAULTS.k,
    ...Object.fromEntries(passedOn.filter((k) => data[k] !== undefined).map((k) => [k, data[k]])),
    noise: { mu: data.noise?.mu ?? DATA_DEFAULTS.noise.mu, v: data.noise?.v ?? DATA_DEFAULTS.noise.v },
  };
}
