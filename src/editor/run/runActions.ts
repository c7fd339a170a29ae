import { debounceTime, distinctUntilChanged, filter, map, type Subscription } from 'rxjs';
import { dataShapeOf } from '../../../nodes/fields';
import { RUN_DEFAULTS, type RunSection } from '../../graph';
import type { Dataset } from '../../physics/dataset';
import { parseDataset } from '../../physics/datasetFile';
import { resolveRun } from '../../run/runSpec';
import { metricsCsv, swapsCsv } from '../../train/metrics';
import type { NamedWeights } from '../../train/types';
import { parseWeights, weightsText } from '../../train/weightsFile';
import { InputError } from '../../util/inputError';
import { compileOpenFile } from '../doc/compile';
import { setRun } from '../doc/ops';
import { trainingKey } from '../doc/semantic';
import { filesUsedBy } from '../doc/workspace';
import { download } from '../files/io';
import type { EditorStore } from '../store';
import type { ImportedData } from '../ui/dataOptions';
import { EditLog } from './editLog';
import { modelFiles } from './modelFiles';
import { recordScaleOf } from './recordScale';
import type { RunClient } from './runClient';

/** The topic of the notice that the graph being edited does not compile. */
const GRAPH_ERRORS = 'graph-errors';

/** Run controls: settings live in the top file's `run` section, so a saved graph reruns headless. */
export class RunActions {
  private init: NamedWeights | null = null;
  /** a loaded dataset file that replaces the generator, until cleared */
  private dataset: { name: string; data: Dataset } | null = null;
  /** what the worker is training now, so an edit that changes nothing is not sent */
  private sentKey = '';
  /** the loss terms of that graph, so a swap that drops or adds one says so */
  private sentTerms: string[] = [];
  /** the running top file, the files as the run started, and its edits, for `run.edits` */
  private runTop = '';
  private started: Record<string, unknown> = {};
  private subgraphEdited = false;
  private readonly log = new EditLog();
  private readonly watcher: Subscription;
  private readonly ended: Subscription;

  constructor(
    private readonly store: EditorStore,
    private readonly client: RunClient,
    private readonly wasmPaths?: Record<string, string>,
  ) {
    // Hot swap: a change to what the run computes (not a block moved) reaches the worker. The
    // "graph has errors" notice speaks of the current graph and the running training, so it goes
    // away as soon as the graph compiles again or the run ends.
    this.watcher = store.state$
      .pipe(
        map((s) => ({
          files: s.files,
          top: s.trail[0].file,
          key: trainingKey(s.files, s.trail[0].file, store.dataShape),
          label: s.change || 'edit',
        })),
        distinctUntilChanged((a, b) => a.key === b.key),
        debounceTime(250),
      )
      .subscribe(({ files, top, key, label }) => {
        if (!client.active) return store.retract(GRAPH_ERRORS);
        const r = compileOpenFile(files, top, store.dataShape);
        if (!r.ok)
          return store.notify(
            `the graph has errors; training goes on with the last valid graph (${r.errors[0].message})`,
            'error',
            GRAPH_ERRORS,
          );
        store.retract(GRAPH_ERRORS);
        if (key === this.sentKey) return;
        this.sentKey = key;
        const terms = r.plan.losses.map((l) => l.name);
        const note = label + termChange(this.sentTerms, terms);
        this.sentTerms = terms;
        const used = pick(files, top);
        if (Object.entries(used).some(([f, d]) => f !== top && this.started[f] !== d)) this.subgraphEdited = true;
        this.log.record(note, files[top]);
        client.swap({ files: used, top }, note);
        store.notify(`swapped into the running training: ${note}`);
      });
    this.ended = client.state$
      .pipe(
        map(() => client.active),
        distinctUntilChanged(),
        filter((active) => !active),
      )
      .subscribe(() => {
        store.retract(GRAPH_ERRORS);
        this.recordEdits();
      });
  }

  /**
   * A run that ended writes its edits into the top file's `run.edits`, so that the saved graph
   * replays it headless (src/graph/patch.ts); a run without edits leaves none there.
   */
  private recordEdits(): void {
    const top = this.runTop;
    this.runTop = '';
    const doc = top && this.store.state.files[top];
    if (!doc) return;
    const edits = this.log.edits(this.client.state.swaps);
    const { edits: _, ...run } = doc.run ?? RUN_DEFAULTS;
    if (edits.length && this.subgraphEdited) {
      this.store.notify(
        'this run was edited inside a sub-graph: run.edits records top-level edits only, so it is not saved for replay',
        'error',
      );
      if (!doc.run?.edits) return;
      return this.store.edit('drop the run edits', (d) => setRun(d, run), { file: top, record: false });
    }
    if (!edits.length && !doc.run?.edits) return;
    this.store.edit('record the run edits', (d) => setRun(d, edits.length ? { ...run, edits } : run), { file: top, record: false });
  }

  get run(): RunSection {
    return this.store.state.files[this.store.topFile].run ?? RUN_DEFAULTS;
  }

  setRun(run: RunSection): void {
    this.store.edit('run settings', (d) => setRun(d, run), { file: this.store.topFile, coalesce: 'run-settings' });
  }

  setInit(value: string): void {
    this.init = value === 'last' ? this.client.state.weights : null;
  }

  async loadInit(file: File): Promise<void> {
    const w = parseWeights(await file.text());
    if (typeof w === 'string') return this.store.notify(`weights file refused: ${w}`, 'error');
    this.init = w;
    this.store.notify(`the next run starts from ${file.name} (${Object.keys(w).length} tensors)`);
  }

  get imported(): ImportedData | null {
    if (!this.dataset) return null;
    const { config, sequences } = this.dataset.data;
    return { name: this.dataset.name, count: sequences.length, samples: config.samples, vCh: config.vCh, dmuCh: config.dmuCh };
  }

  async loadData(file: File): Promise<void> {
    try {
      const text = await file.text();
      let raw: unknown;
      try {
        raw = JSON.parse(text);
      } catch (e) {
        throw new InputError('file', `is not valid JSON (${(e as Error).message})`, file.name);
      }
      const data = parseDataset(raw, file.name);
      if (!data.sequences.some((s) => s.split === 'test')) throw new InputError('sequences', 'has no test sequences', file.name);
      this.dataset = { name: file.name, data };
      this.store.setLoadedData(dataShapeOf(data.config));
      this.store.notify(`the next run trains on ${file.name} (${data.sequences.length} sequences)`);
    } catch (e) {
      this.store.notify(`dataset refused: ${e instanceof Error ? e.message : String(e)}`, 'error');
    }
  }

  clearData(): void {
    this.dataset = null;
    this.store.setLoadedData(null);
    this.store.notify('the next run generates its data from the run settings');
  }

  start(): void {
    const top = this.store.topFile;
    const r = compileOpenFile(this.store.state.files, top, this.store.dataShape);
    if (!r.ok) return this.store.notify(`cannot run ${top}: ${r.errors[0].message} (see the marked blocks)`, 'error');
    // The same resolution as the CLI's: defaults, the seed fallback and the schedule.
    const { data, training } = resolveRun({ ...this.store.state.files[top], run: this.run });
    this.sentKey = trainingKey(this.store.state.files, top, this.store.dataShape);
    this.sentTerms = r.plan.losses.map((l) => l.name);
    this.runTop = top;
    this.started = pick(this.store.state.files, top);
    this.subgraphEdited = false;
    this.log.begin(this.store.state.files[top]);
    this.client.start(
      {
        files: pick(this.store.state.files, top),
        top,
        data,
        training,
        watch: [0, 1, 2, 3, 4],
        ...(this.dataset ? { dataset: this.dataset.data } : {}),
        ...(this.init ? { initialWeights: this.init } : {}),
        ...(this.wasmPaths ? { wasmPaths: this.wasmPaths } : {}),
      },
      this.dataset && recordScaleOf(this.dataset.data, this.dataset.name),
    );
  }

  stop(): void {
    this.client.stop();
    if (this.client.state.status === 'paused') this.client.resume();
  }

  async exportNet(): Promise<void> {
    try {
      const { artifacts, layersModel } = await this.client.exportMainNet();
      // model.json plus weights.bin, the format tf.loadLayersModel reads, written here rather than
      // by tfjs's `downloads://` handler: that handler registers itself as a side effect, which
      // a production bundle drops, and the page then need not load tfjs at all.
      for (const f of modelFiles(artifacts, 'slidegraph-main-net')) download(f.name, f.content, f.type);
      this.store.notify(
        layersModel
          ? 'exported the main net as a tf.LayersModel (model.json + weights.bin)'
          : 'exported the main net weights (model.json + weights.bin)',
      );
    } catch (e) {
      this.store.notify(`export failed: ${e instanceof Error ? e.message : String(e)}`, 'error');
    }
  }

  exportCsv(): void {
    const { rows, swaps } = this.client.state;
    download('metrics.csv', metricsCsv(rows), 'text/csv');
    if (swaps.length) download('swaps.csv', swapsCsv(swaps), 'text/csv');
  }

  exportWeights(): void {
    const w = this.client.state.weights;
    if (w) download('weights.json', weightsText(w));
  }

  destroy(): void {
    this.watcher.unsubscribe();
    this.ended.unsubscribe();
  }
}

/** What a swap does to the objective's terms, for its label: an unplugged Loss block drops its term. */
function termChange(before: readonly string[], after: readonly string[]): string {
  const off = before.filter((t) => !after.includes(t));
  const on = after.filter((t) => !before.includes(t));
  return [...off.map((t) => ` (term ${t} left out)`), ...on.map((t) => ` (term ${t} in)`)].join('');
}

/** Only the files the run uses travel to the worker. */
function pick(files: Record<string, import('../../graph').GraphDocument>, top: string) {
  return Object.fromEntries(filesUsedBy(top, files).map((f) => [f, files[f]]));
}
