import type { BlockDef } from './block';
import DeltaF from './DeltaF';
import Features from './Features';
import Gather from './Gather';
import GRU from './GRU';
import HoldPairs from './HoldPairs';
import Input from './Input';
import Linear from './Linear';
import Log from './Log';
import LogTerms from './LogTerms';
import Loss from './Loss';
import LSTM from './LSTM';
import Mean from './Mean';
import Most from './Most';
import MS from './MS';
import Nh from './Nh';
import Output from './Output';
import Part from './Part';
import Plus from './Plus';
import PosAfterJ from './PosAfterJ';
import PosBeforeJ from './PosBeforeJ';
import Predictions from './Predictions';
import Replicate from './Replicate';
import Rest from './Rest';
import Scale from './Scale';
import Square from './Square';
import Subgraph from './Subgraph';
import Subtract from './Subtract';
import Targets from './Targets';
import Times from './Times';
import Total from './Total';

/** The closed catalogue: a graph file may only name these types. */
const all: BlockDef[] = [
  Features,
  Targets,
  Predictions,
  PosBeforeJ,
  PosAfterJ,
  DeltaF,
  Nh,
  LogTerms,
  HoldPairs,
  GRU,
  LSTM,
  Linear,
  Part,
  Gather,
  Subtract,
  Plus,
  Times,
  Square,
  Total,
  Mean,
  Replicate,
  Rest,
  Most,
  Scale,
  Log,
  MS,
  Input,
  Output,
  Loss,
  Subgraph,
];

export const registry: ReadonlyMap<string, BlockDef> = new Map(all.map((b) => [b.type, b]));

export function blockDef(type: string): BlockDef | undefined {
  return registry.get(type);
}
