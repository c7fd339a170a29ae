import { expect } from 'chai';
import type { AppElement } from '../../src/editor/app';
import '../../src/editor/app';
import { clearAutosave } from '../../src/editor/files/autosave';
import { serializeGraph } from '../../src/graph';
import { waitFor } from './fixtures/editor-dom';
import { library } from './fixtures/editor-library';

// A chain of 10,000 blocks: the editor's walks over blocks and wires (the training key, the
// layout's extents) overflowed the stack from about 5,000, on opening and on every reload.

const N = 10_000;

function chain() {
  const nodes = [{ id: 'in', type: 'Input', params: { name: 'Features', kind: 'sequence' }, position: { x: 0, y: 0 } }];
  const connections = [];
  for (let i = 0; i < N; i++) {
    nodes.push({ id: `s${i}`, type: 'Scale', params: { factor: 1 } as never, position: { x: 200 * (i + 1), y: 0 } });
    connections.push({ from: { node: i ? `s${i - 1}` : 'in', socket: 'out' }, to: { node: `s${i}`, socket: 'x' } });
  }
  nodes.push({ id: 'out', type: 'Output', params: { name: 'Predictions' } as never, position: { x: 200 * (N + 1), y: 0 } });
  connections.push({ from: { node: `s${N - 1}`, socket: 'out' }, to: { node: 'out', socket: 'in' } });
  return { format: 'slidegraph/graph' as const, version: 1 as const, name: 'chain', nodes, connections };
}

async function page(): Promise<AppElement> {
  const app = document.createElement('sg-app') as AppElement;
  app.persist = true;
  app.library = library.files;
  document.body.append(app);
  await waitFor(() => app.querySelectorAll('.sg-block').length > 0, 'a graph drawn', 60_000);
  return app;
}

const close = (app: AppElement) => {
  app.destroy();
  app.remove();
};

describe('editor at scale', function () {
  this.timeout(110_000);
  beforeEach(() => clearAutosave());
  afterEach(() => clearAutosave());

  it('opens a chain of 10,000 blocks, compiles it, and opens it again after a reload', async () => {
    const errors: string[] = [];
    const onError = (e: ErrorEvent) => errors.push(e.message);
    window.addEventListener('error', onError);
    const app = await page();
    try {
      await app.actions.open([new File([serializeGraph(chain() as never)], 'chain.json')]);
      expect(app.store.topFile).to.equal('chain.json');
      expect(app.store.current.nodes.length).to.equal(N + 2);
      await waitFor(() => app.querySelectorAll('.sg-block').length === N + 2, 'every block drawn', 60_000);
      expect(app.querySelector('[data-testid="block-error"]'), 'the chain compiles').to.equal(null);
      await new Promise((r) => setTimeout(r, 600)); // the autosave is written a moment after the last change
    } finally {
      close(app);
    }
    const again = await page();
    try {
      expect(again.store.topFile).to.equal('chain.json');
      await waitFor(() => again.querySelectorAll('.sg-block').length === N + 2, 'drawn again', 60_000);
    } finally {
      close(again);
      window.removeEventListener('error', onError);
    }
    expect(errors).to.deep.equal([]);
  });
});
