import { expect } from 'chai';
import type { AppElement } from '../../src/editor/app';
import '../../src/editor/app';
import { clearAutosave, restore, SET_ASIDE_KEY, STORAGE_PREFIX } from '../../src/editor/files/autosave';
import { waitFor } from './fixtures/editor-dom';
import { library } from './fixtures/editor-library';

const KEY = `${STORAGE_PREFIX}autosave`;

/** A reload: a new app on the same storage. */
async function reload(): Promise<AppElement> {
  const app = document.createElement('sg-app') as AppElement;
  app.library = library.files;
  document.body.append(app);
  await waitFor(() => app.querySelectorAll('.sg-block').length > 0, 'a graph drawn, not a blank page');
  return app;
}

describe('editor storage', function () {
  this.timeout(30_000);
  afterEach(() => {
    clearAutosave();
    localStorage.removeItem(SET_ASIDE_KEY);
  });

  it('keys are namespaced', () => {
    expect(KEY.startsWith('slidegraph:v1:')).to.equal(true);
    expect(SET_ASIDE_KEY.startsWith('slidegraph:v1:')).to.equal(true);
  });

  it('a hostile autosave (__proto__, constructor, toString) is set aside with a notice, and the page still draws', async () => {
    const good = library.files['fig6-global.json'];
    const hostile = `{"files":{"__proto__":${JSON.stringify(good)},"constructor":${JSON.stringify(good)},"toString":{"x":1}},"trail":[{"file":"__proto__"},{"file":"constructor"}]}`;
    localStorage.setItem(KEY, hostile);
    const saved = restore();
    expect(saved?.trail).to.deep.equal([]);
    expect(Object.getPrototypeOf(saved!.files)).to.equal(Object.prototype);
    expect(saved?.notice).to.match(/'__proto__' is not a usable file name; 'constructor' is not a usable file name/);
    expect(localStorage.getItem(SET_ASIDE_KEY)).to.equal(hostile);
    expect(localStorage.getItem(KEY)).to.equal(null);

    localStorage.setItem(KEY, hostile);
    const app = await reload();
    try {
      expect(app.store.topFile).to.equal('fig6-global.json');
      expect(app.store.state.notice?.level).to.equal('error');
      expect(app.store.state.notice?.text).to.contain(SET_ASIDE_KEY);
    } finally {
      app.destroy();
      app.remove();
    }
  });

  it('a corrupt autosave (not JSON) is set aside; a valid file beside a broken one is restored', async () => {
    localStorage.setItem(KEY, '{"files": {"a.json": ');
    expect(restore()?.notice).to.match(/the autosave is damaged/);
    expect(localStorage.getItem(SET_ASIDE_KEY)).to.equal('{"files": {"a.json": ');

    const good = library.files['fig2-main.json'];
    localStorage.setItem(
      KEY,
      JSON.stringify({ files: { 'mine.json': good, 'broken.json': { format: 'nope' } }, trail: [{ file: 'mine.json' }] }),
    );
    const app = await reload();
    try {
      expect(app.store.topFile).to.equal('mine.json');
      expect(app.store.state.notice?.text).to.match(/'broken\.json'/);
    } finally {
      app.destroy();
      app.remove();
    }
  });
});
