import type { BlockDef } from './block';
import { datasetPorts } from './dataPorts';
import Gather from './Gather';
import GRU from './GRU';
import Input from './Input';
import Linear from './Linear';
import Log from './Log';
import Loss from './Loss';
import LSTM from './LSTM';
import Mean from './Mean';
import Most from './Most';
import MS from './MS';
import Output from './Output';
import Part from './Part';
import Plus from './Plus';
import Predictions from './Predictions';
import Replicate from './Replicate';
import Rest from './Rest';
import Scale from './Scale';
import Square from './Square';
import Subgraph from './Subgraph';
import Subtract from './Subtract';
import Times from './Times';
import Total from './Total';

/** The closed catalogue: a graph file may only name these types. */
const all: BlockDef[] = [
  ...datasetPorts,
  Predictions,
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
