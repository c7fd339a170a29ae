import type { RunPatch } from './runSpec';

/**
 * The runs a sweep or a reproduction trains, written to DIR/sweep.json or OUT/reproduce.json
 * before any of them starts. Each child process, local or a Slurm task, trains one point by its
 * index, so a point is defined once and trained the same way wherever it runs.
 */
export interface PointTask {
  name: string;
  /** run folder, relative to the file that lists the point */
  dir: string;
  /** graph file, absolute */
  graph: string;
  /** run-section patches in order (a sweep's `run`, the seed, a stage's flags) */
  patches: RunPatch[];
  /** `--set` overrides in order */
  set: [string, unknown][];
  /** points whose run folders must be finished before this one starts (reproduce's staging) */
  after?: number[];
}

export interface PointList {
  format: string;
  version: number;
  points: PointTask[];
}

/** The first place two JSON values differ, as `path: a, not b`; undefined when equal. */
export function firstDifference(had: unknown, want: unknown, path = ''): { path: string; had: unknown; want: unknown } | undefined {
  if (typeof had === 'object' && had !== null && typeof want === 'object' && want !== null) {
    const keys = [...new Set([...Object.keys(had), ...Object.keys(want)])];
    for (const k of keys) {
      const d = firstDifference((had as Record<string, unknown>)[k], (want as Record<string, unknown>)[k], path ? `${path}.${k}` : k);
      if (d) return d;
    }
    return undefined;
  }
  return had === want ? undefined : { path, had, want };
}
