import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import { cli } from '../support/cli';
import { comparedRun } from '../support/comparedRun';
import { assertSameEpochs, type EpochRow } from '../support/epochs';
import { setRunSettings } from '../support/runPanel';
import { openBuiltSite } from '../support/site';

/**
 * What the built site shows must be true (issue 26): a refused wire changes nothing, the notice
 * that the graph has errors speaks of the graph as it is now, and a swap made by an undo says so.
 * The built site at 1366×768, one page, tests in order.
 */
let page: Page;
let stop: () => Promise<void> = async () => undefined;
const errors: string[] = [];

before(async () => {
  ({ page, stop } = await openBuiltSite(errors));
});
after(() => stop());

type Wire = { from: { node: string; socket: string }; to: { node: string; socket: string } };
type App = HTMLElement & {
  store: {
    current: { connections: Wire[] };
    state: { notice: { text: string } | null; files: Record<string, { run?: { edits?: unknown[] } }> };
  };
  actions: { setParam(id: string, name: string, value: number): void; deleteWire(c: Wire): void; connect(c: Wire): void };
  client: { state: { swaps: { note: string }[]; status: string; epoch: number; rows: EpochRow[] } };
};
const app = <T>(f: (a: App) => T) =>
  page.locator('sg-app').evaluate((el, src) => new Function('a', `return (${src})(a)`)(el), f.toString()) as Promise<T>;
const wires = () =>
  app((a) => a.store.current.connections.map((c) => `${c.from.node}.${c.from.socket} → ${c.to.node}.${c.to.socket}`).sort());
const notice = async () => (await page.locator('[data-testid="notice"]').textContent()) ?? '';

/**
 * A mouse drag from an output socket to an input socket, as a user draws a wire. It ends on a
 * point of the input where no wire lies on top (the wire the input has ends on its centre).
 */
async function drag(from: [string, string], to: [string, string]): Promise<void> {
  const socket = (node: string, side: 'output' | 'input', key: string) =>
    page.locator(`.sg-block[data-node-id="${node}"] [data-testid="${side}-${key}"] [data-testid="${side}-socket"]`);
  const a = (await socket(from[0], 'output', from[1]).boundingBox())!;
  const b = (await socket(to[0], 'input', to[1]).boundingBox())!;
  const spots = [0.5, 0.3, 0.7].flatMap((fx) => [0.5, 0.25, 0.75].map((fy) => [b.x + b.width * fx, b.y + b.height * fy] as const));
  const free = await page.evaluate(
    (points) => points.find(([x, y]) => document.elementsFromPoint(x, y)[0]?.tagName === 'RETE-NODE'),
    spots as [number, number][],
  );
  assert.ok(free, `a spot of ${to.join('.')} with no wire on it`);
  await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
  await page.mouse.down();
  await page.mouse.move(free[0], free[1], { steps: 8 });
  await page.mouse.up();
  await page.waitForTimeout(300);
}

test('a refused wire, or the same wire again, dropped on a wired input leaves the wire it has', async () => {
  const before = await wires();
  // alpha is fed by ics: alpha.out → ics.Predictions would close a cycle.
  await drag(['alpha', 'out'], ['ics', 'Predictions']);
  assert.match(await notice(), /refused: the wire would close a cycle/);
  assert.deepEqual(await wires(), before);
  await drag(['beta', 'out'], ['lossDE', 'value']);
  assert.match(await notice(), /refused: beta\.out → lossDE\.value is already wired/);
  assert.deepEqual(await wires(), before);
  // An allowed wire onto a wired input takes the old one's place, in one undo step.
  await drag(['gamma', 'out'], ['lossDE', 'value']);
  const replaced = await wires();
  assert.ok(replaced.includes('gamma.out → lossDE.value') && !replaced.includes('beta.out → lossDE.value'), replaced.join('; '));
  await page.locator('#canvas').focus();
  await page.keyboard.press('Control+z');
  assert.deepEqual(await wires(), before);
  assert.deepEqual(errors, []);
});

test('while training, the "graph has errors" notice follows the graph and goes when the run ends; an undo swap says what it undid', async () => {
  await setRunSettings(page, {
    sequences: '120',
    epochs: '2000',
    batch: '30',
  });
  await page.locator('sg-run-panel [data-action="run"]').click();
  await page.waitForFunction(() => (document.querySelector('sg-app') as App).client.state.status === 'running', null, { timeout: 120_000 });
  const swaps = (n: number) =>
    page.waitForFunction((m) => (document.querySelector('sg-app') as App).client.state.swaps.length === m, n, { timeout: 60_000 });
  const hasErrors = (yes: boolean) =>
    page.waitForFunction((y) => /graph has errors/.test(document.querySelector('[data-testid="notice"]')!.textContent ?? '') === y, yes, {
      timeout: 30_000,
    });

  await app((a) => a.actions.setParam('beta', 'factor', 0.3));
  await swaps(1);
  await page.locator('#canvas').focus();
  await page.keyboard.press('Control+z');
  await swaps(2);
  const notes = await app((a) => a.client.state.swaps.map((s) => s.note));
  assert.equal(notes[1], 'undo set beta.factor = 0.3');

  // beta without its input: the graph has errors. Wired again, it is the graph being trained.
  await app((a) => a.actions.deleteWire({ from: { node: 'de', socket: 'DE' }, to: { node: 'beta', socket: 'x' } }));
  await hasErrors(true);
  await app((a) => a.actions.connect({ from: { node: 'de', socket: 'DE' }, to: { node: 'beta', socket: 'x' } }));
  await hasErrors(false);
  assert.equal((await app((a) => a.client.state.swaps)).length, 2, 'the graph the run has is not sent again');

  // An unplugged Loss block is no error: it is greyed out, its term leaves the run, the swap is
  // marked on the loss chart and says which term went; plugged in again, the term comes back.
  await app((a) => a.actions.deleteWire({ from: { node: 'beta', socket: 'out' }, to: { node: 'lossDE', socket: 'value' } }));
  await swaps(3);
  await page.locator('.sg-block.sg-inactive[data-node-id="lossDE"]').waitFor();
  assert.equal(await page.locator('.sg-inactive').count(), 1);
  assert.match((await app((a) => a.client.state.swaps))[2].note, /^disconnect \(term DE left out\)$/);
  await page.locator('sg-charts .legend .dropped').filter({ hasText: 'DE' }).waitFor();
  assert.equal(await page.locator('[data-testid="loss-chart"]').getAttribute('data-swaps'), '3');
  assert.doesNotMatch(await notice(), /graph has errors/);
  await page.locator('#canvas').focus();
  await page.keyboard.press('Control+z');
  await swaps(4);
  assert.match((await app((a) => a.client.state.swaps))[3].note, /^undo disconnect \(term DE in\)$/);
  await page.locator('.sg-block.sg-inactive').waitFor({ state: 'detached' });

  // Broken again, then the run ends: the notice spoke of the running training, and goes.
  await app((a) => a.actions.deleteWire({ from: { node: 'de', socket: 'DE' }, to: { node: 'beta', socket: 'x' } }));
  await hasErrors(true);
  await page.locator('sg-run-panel [data-action="stop"]').click();
  await page.waitForFunction(() => ['stopped', 'done'].includes((document.querySelector('sg-app') as App).client.state.status));
  await hasErrors(false);
  await app((a) => a.actions.connect({ from: { node: 'de', socket: 'DE' }, to: { node: 'beta', socket: 'x' } }));
  assert.deepEqual(errors, []);
});

test('a run edited live in the built site, saved, trains headless to the same metrics epoch by epoch', async () => {
  await setRunSettings(page, {
    sequences: '60',
    epochs: '400',
    batch: '16',
  });
  await page.locator('sg-run-panel [data-action="run"]').click();
  await page.waitForFunction(() => (document.querySelector('sg-app') as App).client.state.rows.length >= 1, null, { timeout: 120_000 });
  // Readable while training at 1366×768: the dock open, the canvas labels stay ≥ 10 px on screen,
  // and the three charts share the dock's width with no sideways scroll.
  await page.waitForTimeout(500);
  const view = await page.evaluate(() => {
    const k = (document.querySelector('sg-app') as unknown as { canvas: { area: { area: { transform: { k: number } } } } }).canvas.area.area
      .transform.k;
    const sizes = [...document.querySelectorAll('rete-node')].flatMap((n) =>
      [...n.shadowRoot!.querySelectorAll('.title, .input-title, .output-title')].map((e) => parseFloat(getComputedStyle(e).fontSize)),
    );
    const dock = document.querySelector('section.dock')!;
    const box = dock.getBoundingClientRect();
    const charts = ['loss-chart', 'histogram-chart', 'prediction-chart'].map((id) => {
      const r = document.querySelector(`[data-testid="${id}"] canvas`)!.getBoundingClientRect();
      return { id, left: r.left, right: r.right, width: r.width };
    });
    return {
      label: Math.min(...sizes) * k,
      dock: { left: box.left, right: box.right, height: box.height },
      scroll: dock.scrollWidth - dock.clientWidth,
      charts,
    };
  });
  assert.ok(view.label >= 10, `smallest label ${view.label.toFixed(1)} px with the dock open`);
  assert.ok(view.dock.height >= 190, `dock ${view.dock.height} px`);
  assert.equal(view.scroll, 0, 'no sideways scroll in the dock');
  for (const c of view.charts)
    assert.ok(c.left >= view.dock.left && c.right <= view.dock.right + 1 && c.width >= 200, JSON.stringify({ c, dock: view.dock }));
  const swaps = (n: number) =>
    page.waitForFunction((m) => (document.querySelector('sg-app') as App).client.state.swaps.length === m, n, { timeout: 60_000 });
  await app((a) => a.actions.setParam('beta', 'factor', 0.5));
  await swaps(1);
  await app((a) => a.actions.deleteWire({ from: { node: 'gamma', socket: 'out' }, to: { node: 'lossH', socket: 'value' } }));
  await swaps(2);
  // A few epochs past the last edit, then Stop.
  const edited = await app((a) => a.client.state.epoch);
  await page.waitForFunction((e) => (document.querySelector('sg-app') as App).client.state.rows.length >= e + 2, edited, {
    timeout: 120_000,
  });
  await page.locator('sg-run-panel [data-action="stop"]').click();
  await page.waitForFunction(() => ['stopped', 'done'].includes((document.querySelector('sg-app') as App).client.state.status));
  await page.waitForFunction(
    () => ((document.querySelector('sg-app') as App).store.state.files['fig6-global.json'].run?.edits?.length ?? 0) === 2,
  );
  const rows = await app((a) => a.client.state.rows);

  const saved = await new Promise<string>((resolve) => {
    page.once('download', async (d) => resolve(readFileSync((await d.path())!, 'utf8')));
    void page
      .locator('#canvas')
      .focus()
      .then(() => page.keyboard.press('Control+s'));
  });
  const doc = JSON.parse(saved);
  assert.deepEqual(
    doc.run.edits.map((e: { note: string }) => e.note),
    ['set beta.factor = 0.5', 'disconnect (term H left out)'],
  );
  const dir = mkdtempSync(join(tmpdir(), 'sg-site-replay-'));
  writeFileSync(join(dir, 'edited.json'), saved);
  // As many epochs as the browser ran; the schedule is constant, so the first epochs are the same.
  const r = cli('train', join(dir, 'edited.json'), '--epochs', String(rows.length), '--out', join(dir, 'run'));
  assert.equal(r.code, 0, r.stderr);
  const headless = JSON.parse(readFileSync(join(dir, 'run', 'metrics.json'), 'utf8')).epochs as EpochRow[];
  assertSameEpochs(headless, rows);
  assert.deepEqual(errors, []);
});

test('Compare runs… opens a folder of run folders: one row and one curve a run; another folder replaces them', async () => {
  const fig6 = JSON.parse(readFileSync('graphs/fig6-global.json', 'utf8'));
  const folder = (runs: [string, number, number, number[]][]) => {
    const dir = mkdtempSync(join(tmpdir(), 'sg-compare-'));
    for (const [name, lr, seed, errors] of runs) {
      mkdirSync(join(dir, name));
      const { graph, metrics } = comparedRun(fig6, 'fig6', lr, seed, errors);
      writeFileSync(join(dir, name, 'graph.json'), JSON.stringify(graph));
      writeFileSync(join(dir, name, 'metrics.json'), JSON.stringify(metrics));
    }
    return dir;
  };
  const sweep = folder([
    ['lr1-seed0', 1e-3, 0, [9, 5]],
    ['lr1-seed1', 1e-3, 1, [9, 3]],
    ['lr2-seed0', 2e-3, 0, [8, 2]],
  ]);
  await page.locator('sg-compare input[type=file]').setInputFiles(sweep);
  const dialog = page.getByRole('dialog', { name: 'run comparison' });
  await dialog.waitFor();
  const rows = () => dialog.locator('[data-testid="compare-table"] tr td:first-child').allTextContents();
  assert.deepEqual(await rows(), ['lr1-seed0', 'lr1-seed1', 'lr2-seed0']);
  assert.equal(await dialog.locator('[data-testid="compare-error"] polyline').count(), 3);
  assert.match((await dialog.locator('[data-testid="compare-against"]').innerHTML()) ?? '', /training\.learningRate/);
  // Sorted by the final test error, highest first after two clicks.
  await dialog.locator('[data-sort="testErrorPercent"]').click();
  await dialog.locator('[data-sort="testErrorPercent"]').click();
  assert.deepEqual(await rows(), ['lr1-seed0', 'lr1-seed1', 'lr2-seed0']);
  await dialog.locator('[data-sort="testErrorPercent"]').click();
  assert.deepEqual(await rows(), ['lr2-seed0', 'lr1-seed1', 'lr1-seed0']);
  // The dialog stays inside the window: nothing needs a sideways scroll.
  const box = (await dialog.boundingBox())!;
  assert.ok(box.x >= 0 && box.x + box.width <= 1366, JSON.stringify(box));
  await page.locator('sg-compare input[type=file]').setInputFiles(folder([['only', 5e-4, 0, [7, 6]]]));
  await page.waitForFunction(() => {
    const root = document.querySelector('sg-toolbar')!.shadowRoot!.querySelector('sg-compare')!.shadowRoot!;
    return root.querySelectorAll('[data-testid="compare-table"] tr').length === 2;
  });
  assert.deepEqual(await rows(), ['only']);
  assert.equal(await dialog.locator('[data-testid="compare-error"] polyline').count(), 1);
  assert.deepEqual(errors, []);
});
