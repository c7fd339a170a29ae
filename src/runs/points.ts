import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { concat, defer, EMPTY, from, ignoreElements, interval, type Observable, of, switchMap, takeWhile, throwError, timer } from 'rxjs';
import { catchError } from 'rxjs/operators';
import pointsSchema from '../../schema/points.schema.json' with { type: 'json' };
import { canonicalGraph } from '../graph';
import { firstDifference, type PointList, type PointTask } from '../run/points';
import { schemaValidator } from '../util/ajv';
import { InputError } from '../util/inputError';
import { type FileFormat, readVersioned } from '../util/versionedFile';
import type { BackendName } from './backend';
import { readJson } from './files';
import { readRunMetrics } from './metricsFile';
import { pointDir } from './pointFolder';
import { prepareRun } from './prepareRun';
import type { RunEvent } from './runEvents';
import { runFiles } from './runFolder';
import { heldHere, LockHeld } from './runLock';

/** What a point's folder holds: a finished run (reused), a checkpoint (resumed), or nothing usable. */
export type PointState = 'done' | 'resume' | 'new';

export function pointState(dir: string): PointState {
  if (finished(join(dir, runFiles.metrics)) && existsSync(join(dir, runFiles.weights))) return 'done';
  // A folder with graph.json is a run: --resume continues it from its newest usable checkpoint, or from epoch 1.
  if (existsSync(join(dir, runFiles.graph))) return 'resume';
  return 'new';
}

/** A damaged metrics.json is not a finished run: --resume recovers the metrics from the checkpoints. */
function finished(metrics: string): boolean {
  try {
    return existsSync(metrics) && readRunMetrics(metrics).status === 'done';
  } catch (e) {
    if (e instanceof InputError) return false;
    throw e;
  }
}

const flagNames: Record<string, string> = {
  'run.data.count': '--count',
  'run.data.seed': '--seed',
  'run.training.seed': '--seed',
  'run.training.epochs': '--epochs',
};

/**
 * The state of every point, after checking that a folder already there was made with the same
 * graph and settings: a finished run must not be passed off as another setting's.
 */
export function checkPoints(file: string, list: PointList): PointState[] {
  return list.points.map((p, i) => {
    const dir = pointDir(file, list, i);
    if (!existsSync(join(dir, runFiles.graph))) return 'new';
    // `$schema` says where the schema is, not how the run was made (a run folder's copy names it
    // by an absolute URL, the graph given here by its own path), so it is not compared.
    const { $schema: _given, ...want } = canonicalGraph(prepareRun(p.graph, p.patches, p.set).run.doc);
    const { $schema: _written, ...had } = readJson(join(dir, runFiles.graph)) as Record<string, unknown>;
    const d = firstDifference(had, JSON.parse(JSON.stringify(want)));
    if (d) {
      const what = flagNames[d.path] ?? d.path;
      throw new InputError(
        '--out',
        `${dir} was trained with ${what} ${JSON.stringify(d.had)}, not ${JSON.stringify(d.want)}; choose another --out for these settings`,
      );
    }
    return pointState(dir);
  });
}

type PointFormat = 'slidegraph/sweep-points' | 'slidegraph/reproduce-points';

const validatePoints = schemaValidator(pointsSchema);
export const pointFormat = (format: PointFormat): FileFormat => ({
  format,
  version: 1,
  what: 'a Slidegraph point list (sweep.json or reproduce.json)',
  // Version 1 is the first: every list has been written with its format and version.
  migrations: [],
  validate: validatePoints,
});

/** sweep.json or reproduce.json (schema/points.schema.json), checked; `format` when only one kind will do. */
export function readPointList(file: string, format?: PointFormat): PointList {
  const value = readJson(file) as { format?: unknown };
  const kind = format ?? (value?.format === 'slidegraph/sweep-points' ? value.format : 'slidegraph/reproduce-points');
  const list = readVersioned(value, file, pointFormat(kind)) as unknown as PointList;
  for (let i = 0; i < list.points.length; i++) pointDir(file, list, i);
  return list;
}

/**
/**
 * Trains point `index` of a point list: reuses it when finished (no events), resumes it from its
 * checkpoint, else starts it afresh. A point another process on this machine is training (a second
 * sweep into the same folder, or the orphan of a killed sweep saving its checkpoint) is waited for,
 * then looked at again: the work is shared, never done twice, and no folder is removed here.
 * Nothing is read until the stream is subscribed.
 */
export function runPoint(file: string, index: number, backend: BackendName, signal?: AbortSignal): Observable<RunEvent> {
  return defer(() => {
    const list = readPointList(file);
    const p = list.points[index];
    if (!p) throw new InputError('INDEX', `${file} has no point ${index} (it has ${list.points.length})`);
    const dir = pointDir(file, list, index);
    // Loaded here, not at the top: collect reads point lists too and must not load tfjs.
    return from(import('./runTraining')).pipe(switchMap((runs) => sharedPoint(p, dir, backend, signal, runs, false, 0)));
  });
}

type Runs = Pick<typeof import('./runTraining'), 'resumeRun' | 'trainRun'>;

/** Waits while a local process holds the point's lock, then trains it; a lost race is tried again. */
function sharedPoint(
  p: PointTask,
  dir: string,
  backend: BackendName,
  signal: AbortSignal | undefined,
  runs: Runs,
  noted: boolean,
  misses: number,
): Observable<RunEvent> {
  return defer(() => {
    const held = heldHere(dir);
    const wait: Observable<RunEvent> = held
      ? concat(
          noted ? EMPTY : of<RunEvent>({ type: 'note', message: `${dir} is being trained by another process; waiting for it` }),
          interval(200).pipe(
            takeWhile(() => heldHere(dir) && !signal?.aborted),
            ignoreElements(),
          ),
        )
      : EMPTY;
    const train = defer(() => trainPoint(p, dir, backend, signal, runs)).pipe(
      catchError((e: unknown) => {
        // Lost a race to a local process (wait for it), or a lock of another host (refused as before).
        if (!(e instanceof LockHeld) || (!heldHere(dir) && misses + 1 > 5)) return throwError(() => e);
        return timer(200).pipe(switchMap(() => sharedPoint(p, dir, backend, signal, runs, noted || held, misses + 1)));
      }),
    );
    return concat(wait, train);
  });
}

function trainPoint(p: PointTask, dir: string, backend: BackendName, signal: AbortSignal | undefined, runs: Runs): Observable<RunEvent> {
  const state = pointState(dir);
  if (state === 'done') return EMPTY;
  if (state === 'resume') return runs.resumeRun({ dir, backend, ...(signal ? { signal } : {}) });
  // A folder left by a run that died before graph.json is cleared by createRunFolder, under its lock.
  const set = Object.fromEntries(p.set);
  return runs.trainRun(prepareRun(p.graph, p.patches, p.set), {
    dir,
    backend,
    ...(signal ? { signal } : {}),
    provenance: { graphFile: p.graph, point: p.name, ...(p.set.length ? { set } : {}) },
  });
}
