import type { DataShape } from '../../../nodes/block';
import { dataShapeOf } from '../../../nodes/fields';
import type { GraphDocument } from '../../graph';
import { defaultDataConfig } from '../../physics/dataDefaults';

/**
 * The shape of the data a run of `doc` trains on: a loaded dataset file's own (any sequence
 * length, its extra channels), else the generator's from the document's run.data, so socket
 * types, the page's compile and the worker's agree with the sequences the run will see.
 */
export function runDataShape(doc: GraphDocument | undefined, loaded: DataShape | null): DataShape {
  if (loaded) return loaded;
  const data = doc?.run?.data;
  return dataShapeOf({
    samples: data?.samples ?? defaultDataConfig.samples,
    maxJumps: data?.maxJumps ?? defaultDataConfig.maxJumps,
  });
}

/** A short key for a shape, for caches keyed by what a compile depends on. */
export function shapeKey(d: DataShape): string {
  return `${d.samples}x${d.maxJumps}${d.extra?.length ? `+${d.extra.join(',')}` : ''}`;
}
