import type { ElkNode } from 'elkjs/lib/elk-api';
import ELK from 'elkjs/lib/elk-api.js';

let elk: InstanceType<typeof ELK> | undefined;
let failed: Promise<never> | undefined;

/**
 * ELK's layout of `graph`, computed in a worker of its own (started on first use and kept), so
 * that neither opening a file nor Arrange holds up the page while ELK loads and runs.
 */
export function elkLayout(graph: ElkNode): Promise<ElkNode> {
  if (!elk) {
    let fail: (e: Error) => void = () => undefined;
    failed = new Promise((_, reject) => (fail = reject));
    // elk-api never hears of a worker that failed to load; the layouts waiting on it fail here.
    failed.catch(() => undefined);
    elk = new ELK({
      workerFactory: () => {
        const w = new Worker(new URL('./elk.worker.ts', import.meta.url), { type: 'module' });
        w.addEventListener('error', (e) => {
          elk = undefined;
          fail(new Error(`auto-arrange failed: ${e.message || 'the layout worker could not start'}`));
        });
        return w;
      },
    });
  }
  return Promise.race([elk.layout(graph), failed!]);
}
