import { expect } from 'chai';
import type { AppElement } from '../../src/editor/app';
import '../../src/editor/app';
import { clearAutosave, restore, SET_ASIDE_KEY } from '../../src/editor/files/autosave';
import { serializeGraph } from '../../src/graph';
import { waitFor } from './fixtures/editor-dom';
import { library } from './fixtures/editor-library';

// Opening (File → Open, drag and drop) a file whose name Object.prototype already holds must
// not brick the editor: such names never become keys of the open-file map, and sub-graph
// references to them read as "not open".

async function page(persist: boolean): Promise<AppElement> {
  const app = document.createElement('sg-app') as AppElement;
  app.persist = persist;
  app.library = library.files;
  document.body.append(app);
  await waitFor(() => app.querySelectorAll('.sg-block').length > 0, 'a graph drawn, not a blank page');
  return app;
}

const close = (app: AppElement) => {
  app.destroy();
  app.remove();
};

describe('editor open: file names that are built-in property names', function () {
  this.timeout(30_000);
  beforeEach(() => clearAutosave());
  afterEach(() => {
    clearAutosave();
    localStorage.removeItem(SET_ASIDE_KEY);
  });

  it('refuses __proto__, constructor and toString with a notice; the graph stays drawn and survives a reload', async () => {
    const text = serializeGraph(library.files['fig4-direct-effect.json']);
    const app = await page(true);
    try {
      await app.actions.open(['__proto__', 'constructor', 'toString'].map((n) => new File([text], n)));
      expect(app.store.state.notice?.level).to.equal('error');
      expect(app.store.state.notice?.text).to.match(/'__proto__' cannot be opened under that name.*'constructor'.*'toString'/);
      expect(app.store.topFile).to.equal('fig6-global.json');
      expect(Object.getPrototypeOf(app.store.state.files)).to.equal(Object.prototype);
      expect(Object.keys(app.store.state.files)).to.not.include('__proto__');
      expect(({} as Record<string, unknown>).nodes, 'Object.prototype untouched').to.equal(undefined);
      const n = library.files['fig6-global.json'].nodes.length;
      await waitFor(() => app.querySelectorAll('.sg-block').length === n, 'fig. 6 still drawn');
      // A good file opened beside a refused one still opens.
      await app.actions.open([new File([text], 'constructor'), new File([text], 'mine.json')]);
      expect(app.store.topFile).to.equal('mine.json');
      await new Promise((r) => setTimeout(r, 400)); // the autosave is written a moment after the last edit
    } finally {
      close(app);
    }
    const again = await page(true);
    try {
      expect(again.store.topFile).to.equal('mine.json');
      expect(localStorage.getItem(SET_ASIDE_KEY), 'nothing had to be set aside').to.equal(null);
    } finally {
      close(again);
    }
    expect(restore()?.trail[0].file).to.equal('mine.json');
  });

  it('a Subgraph block naming constructor or __proto__ reads as a file that is not open, not as a blank page', async () => {
    const app = await page(false);
    try {
      for (const name of ['constructor', '__proto__', 'toString']) {
        const doc = structuredClone(library.files['fig6-global.json']);
        const main = doc.nodes.find((n) => n.id === 'main')!;
        main.params = { ...main.params, graph: name };
        await app.actions.open([new File([serializeGraph(doc)], `uses-${name}.json`)]);
        expect(app.store.topFile).to.equal(`uses-${name}.json`);
        await waitFor(() => app.querySelectorAll('.sg-block').length === doc.nodes.length, `uses-${name}.json drawn`);
        expect(app.store.enter('main')).to.equal(false);
        expect(app.store.state.notice?.text).to.equal(`sub-graph '${name}' is not open: open or drop that file first`);
        expect(app.store.currentFile).to.equal(`uses-${name}.json`);
      }
    } finally {
      close(app);
    }
  });
});
