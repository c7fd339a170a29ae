import { expect } from 'chai';
import '../../src/editor/ui/compareView';
import type { CompareViewElement } from '../../src/editor/ui/compareView';
import { comparedRun } from '../support/comparedRun';
import { library } from './fixtures/editor-library';

/** A picked folder's file, with the path the browser gives a folder's files. */
function file(path: string, value: unknown): File {
  const f = new File([JSON.stringify(value)], path.split('/').pop()!);
  Object.defineProperty(f, 'webkitRelativePath', { value: path });
  return f;
}
function run(folder: string, lr: number, seed: number, errors: number[]): File[] {
  const { graph, metrics } = comparedRun(library.files['fig6-global.json'], 'g', lr, seed, errors);
  return [file(`${folder}/graph.json`, graph), file(`${folder}/metrics.json`, metrics)];
}

describe('run comparison', () => {
  let el: CompareViewElement | undefined;
  afterEach(() => {
    el?.remove();
    el = undefined;
  });

  it('overlays a sweep folder, sorts its table, plots the final error against the swept setting; another folder replaces it', async () => {
    el = document.createElement('sg-compare') as CompareViewElement;
    document.body.append(el);
    await el.open([...run('sw/a', 1e-3, 0, [9, 4]), ...run('sw/b', 1e-3, 1, [9, 2]), ...run('sw/c', 2e-3, 0, [8, 7])]);
    await el.updateComplete;
    const root = el.shadowRoot!;
    const names = () =>
      [...root.querySelectorAll('[data-testid="compare-table"] tr')].slice(1).map((tr) => tr.querySelector('td')!.textContent);
    expect(names()).to.deep.equal(['a', 'b', 'c']);
    // Sorted by final test error (4, 2, 7), then the other way.
    root.querySelector<HTMLButtonElement>('[data-sort="testErrorPercent"]')!.click();
    await el.updateComplete;
    expect(names()).to.deep.equal(['b', 'a', 'c']);
    root.querySelector<HTMLButtonElement>('[data-sort="testErrorPercent"]')!.click();
    await el.updateComplete;
    expect(names()).to.deep.equal(['c', 'a', 'b']);
    // One curve per run in each overlay; the legend below the plot names them.
    for (const id of ['compare-loss', 'compare-error'])
      expect(root.querySelectorAll(`[data-testid="${id}"] polyline`).length, id).to.equal(3);
    const against = root.querySelector('[data-testid="compare-against"]')!.innerHTML;
    expect(against).to.contain('training.learningRate');
    // Smoothing changes the drawn curves.
    const before = root.querySelector('[data-testid="compare-error"]')!.innerHTML;
    const slider = root.querySelector<HTMLInputElement>('input[type="range"]')!;
    slider.value = '0';
    slider.dispatchEvent(new Event('input'));
    await el.updateComplete;
    expect(root.querySelector('[data-testid="compare-error"]')!.innerHTML).not.to.equal(before);
    // Another pick replaces the set: nothing of the sweep stays.
    await el.open(run('other/x', 5e-4, 0, [6, 5]));
    await el.updateComplete;
    expect(names()).to.deep.equal(['x']);
    expect(root.querySelectorAll('[data-testid="compare-error"] polyline').length).to.equal(1);
  });
});
