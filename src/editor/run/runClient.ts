import type { io } from '@tensorflow/tfjs-core';
import { BehaviorSubject, distinctUntilChanged, filter, map, type Observable, Subject } from 'rxjs';
import type { FromWorker, RunRequest, ToWorker } from './protocol';
import type { RecordScale } from './recordScale';
import { initialRunState, type RunState, runReducer } from './runState';

/**
 * The editor's side of the training worker: commands out, a folded RunState in. One worker for
 * the page's life; a new run replaces the old one inside it.
 */
export class RunClient {
  private worker: Worker | null = null;
  private readonly subject = new BehaviorSubject<RunState>(initialRunState);
  private readonly notes = new Subject<{ text: string; level: 'info' | 'error' }>();
  private pendingMemory: ((n: number) => void)[] = [];
  private pendingExport: { resolve(v: { artifacts: io.ModelArtifacts; layersModel: boolean }): void; reject(e: Error): void } | null = null;

  get state$(): Observable<RunState> {
    return this.subject.asObservable();
  }
  /** Fires as each run starts. */
  get started$(): Observable<unknown> {
    return this.subject.pipe(
      map((s) => s.status),
      distinctUntilChanged(),
      filter((s) => s === 'preparing'),
    );
  }
  get state(): RunState {
    return this.subject.value;
  }
  /** status lines and refusals, for the editor's notice line */
  get notes$(): Observable<{ text: string; level: 'info' | 'error' }> {
    return this.notes.asObservable();
  }
  get active(): boolean {
    return ['preparing', 'running', 'paused'].includes(this.state.status);
  }

  /** Starts the worker ahead of the first Run, so pressing Run does not pay for it. */
  warmUp(): void {
    this.ensureWorker();
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const w = new Worker(new URL('./train.worker.ts', import.meta.url), { type: 'module' });
    w.addEventListener('message', (e: MessageEvent<FromWorker>) => this.receive(e.data));
    w.addEventListener('error', (e) => this.fail(`the training worker failed: ${e.message || 'could not load'}`));
    this.worker = w;
    return w;
  }

  private send(m: ToWorker): void {
    this.ensureWorker().postMessage(m);
  }

  private receive(m: FromWorker): void {
    switch (m.type) {
      case 'event':
        return this.subject.next(runReducer(this.state, m.event, performance.now()));
      case 'status':
        if (m.text !== 'ready') this.subject.next({ ...this.state, message: m.text });
        return;
      case 'notice':
        return this.notes.next({ text: m.text, level: 'error' });
      case 'refused':
        this.notes.next({
          text: m.swap ? `not swapped in, the run goes on with the last valid graph: ${m.text}` : `cannot run: ${m.text}`,
          level: 'error',
        });
        if (!m.swap) this.subject.next({ ...this.state, status: 'idle', message: m.text });
        return;
      case 'memory':
        return this.pendingMemory.shift()?.(m.numTensors);
      case 'exported':
        this.pendingExport?.resolve(m);
        this.pendingExport = null;
        return;
      case 'failed':
        if (this.pendingExport) {
          this.pendingExport.reject(new Error(m.message));
          this.pendingExport = null;
        } else this.fail(m.message);
    }
  }

  private fail(message: string): void {
    this.subject.next({ ...this.state, status: 'error', message });
    this.notes.next({ text: message, level: 'error' });
  }

  /** Clears the charts of a run that has ended (another graph or sweep point was opened). */
  clear(): void {
    if (!this.active) this.subject.next(initialRunState);
  }

  /** `scale`: the units of the dataset file in `req`, kept in the run's state for its charts */
  start(req: RunRequest, scale: RecordScale | null = null): void {
    this.subject.next({ ...initialRunState, status: 'preparing', message: 'starting', scale });
    this.send({ type: 'start', ...req });
  }
  pause(): void {
    this.send({ type: 'pause' });
  }
  resume(): void {
    this.send({ type: 'resume' });
  }
  stop(): void {
    this.send({ type: 'stop' });
  }
  swap(req: Pick<RunRequest, 'files' | 'top'>, note: string): void {
    this.send({ type: 'swap', files: req.files, top: req.top, note });
  }
  exportMainNet(): Promise<{ artifacts: io.ModelArtifacts; layersModel: boolean }> {
    return new Promise((resolve, reject) => {
      this.pendingExport = { resolve, reject };
      this.send({ type: 'export' });
    });
  }

  /** The worker's live tensor count, for checking that a stopped run freed everything. */
  memory(): Promise<number> {
    return new Promise((resolve) => {
      this.pendingMemory.push(resolve);
      this.send({ type: 'memory' });
    });
  }

  destroy(): void {
    this.worker?.terminate();
    this.worker = null;
  }
}
