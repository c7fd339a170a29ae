import { basename, join } from 'node:path';
import { parseSet } from '../../run/overrides';
import { flagsPatch, type RunFlags } from '../../run/runSpec';
import type { BackendName } from '../../runs/backend';
import { prepareRun } from '../../runs/prepareRun';
import type { RunMetrics } from '../../train/metrics';
import { InputError } from '../../util/inputError';
import { jsonText } from '../cleanText';
import { followRun } from '../followRun';
import { withInterrupt } from '../interrupt';

interface TrainFlags extends RunFlags {
  out?: string;
  resume?: string;
  backend: BackendName;
  /** train on this dataset file instead of generating the run section's data */
  data?: string;
  /** `--set PATH=VALUE`, in the order given */
  set?: string[];
  /** checkpoints kept: the newest K and the best */
  keepCheckpoints?: number;
}

const keep = (flags: TrainFlags) => (flags.keepCheckpoints !== undefined ? { keepCheckpoints: flags.keepCheckpoints } : {});

export async function trainCommand(graph: string | undefined, flags: TrainFlags): Promise<void> {
  // These bring tfjs: loaded when the command runs, so that --help and other commands never load it.
  const { resumeRun, trainRun } = await import('../../runs/runTraining');
  const sets = (flags.set ?? []).map(parseSet);
  let dir: string;
  let metrics: RunMetrics | undefined;
  if (flags.resume) {
    if (sets.length) throw new InputError('--set', `cannot change a run that is resumed; ${flags.resume}/graph.json holds its settings`);
    dir = flags.resume;
    const resume = dir;
    metrics = await withInterrupt((signal) => followRun(resumeRun({ dir: resume, backend: flags.backend, signal, ...keep(flags) })));
  } else {
    if (!graph) throw new InputError('GRAPH', 'is missing: give a graph file, or --resume DIR');
    if (flags.data && flags.count !== undefined)
      throw new InputError('--count', 'does not apply with --data: the dataset file fixes the sequences');
    const prepared = prepareRun(
      graph,
      [flagsPatch(flags)],
      sets.map((s) => [s.path, s.value] as const),
    );
    dir = flags.out ?? join('runs', basename(graph).replace(/\.json$/, ''));
    const provenance = { graphFile: graph, ...(sets.length ? { set: Object.fromEntries(sets.map((s) => [s.path, s.value])) } : {}) };
    const out = dir;
    metrics = await withInterrupt((signal) =>
      followRun(
        trainRun(prepared, {
          dir: out,
          backend: flags.backend,
          provenance,
          signal,
          ...(flags.data ? { dataFile: flags.data } : {}),
          ...keep(flags),
        }),
      ),
    );
  }
  if (!metrics) throw new Error('the run stream ended without finishing');
  const last = metrics.epochs[metrics.epochs.length - 1];
  const summary = { dir, status: metrics.status, epochs: metrics.epochs.length, final: last, totalSeconds: metrics.totalSeconds };
  process.stdout.write(`${jsonText(summary, 2)}\n`);
}
