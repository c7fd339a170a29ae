import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, test } from 'node:test';
import type { Browser, Download, Page } from 'playwright-core';
import { buildSite, launch, serve } from '../../scripts/site/serve.mjs';

/**
 * The built site, as a researcher gets it: `vite build` into a fresh folder, a static server on
 * 127.0.0.1, Debian's Chromium at 1366×768. The page is src/editor/main.ts with the wasm backend,
 * exactly as shipped. The tests run in order on one page, as one session of use would.
 */
let browser: Browser;
let page: Page;
let url = '';
let stop: () => Promise<void> = async () => undefined;
const foreign: string[] = [];
const errors: string[] = [];

before(async () => {
  const site = await buildSite();
  const server = await serve(site.dir);
  browser = await launch();
  url = server.url;
  stop = async () => {
    await browser.close();
    await server.close();
    site.remove();
  };
  page = await browser.newPage({ viewport: { width: 1366, height: 768 }, acceptDownloads: true });
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('request', (r) => {
    if (!r.url().startsWith(url) && !r.url().startsWith('blob:') && !r.url().startsWith('data:')) foreign.push(r.url());
  });
  await page.goto(url);
  await page.locator('#canvas[data-shown="fig6-global.json"]').waitFor();
});
after(() => stop());

type App = HTMLElement & {
  store: {
    state: { selection: string[]; history: { past: { label: string }[] } };
    current: {
      nodes: { id: string; type: string; params: Record<string, unknown>; position: { x: number; y: number } }[];
      connections: { from: { node: string; socket: string }; to: { node: string; socket: string } }[];
    };
    currentFile: string;
  };
  canvas: { area: { area: { transform: { k: number } } }; boxes(): { id: string; x: number; y: number; w: number; h: number }[] };
  client: { state: { rows: unknown[]; swaps: { note: string }[]; status: string } };
};
const app = <T>(f: (a: App) => T) =>
  page.locator('sg-app').evaluate((el, src) => new Function('a', `return (${src})(a)`)(el), f.toString()) as Promise<T>;
const param = (id: string, name: string) =>
  page.evaluate(([i, n]) => (document.querySelector('sg-app') as App).store.current.nodes.find((x) => x.id === i)?.params[n], [id, name]);
const active = () =>
  page.evaluate(() => {
    const e = document.activeElement as HTMLElement | null;
    return e?.dataset.nodeId ?? e?.id ?? e?.tagName;
  });
const overlapping = (boxes: { id: string; x: number; y: number; w: number; h: number }[]) =>
  boxes.flatMap((a, i) =>
    boxes
      .slice(i + 1)
      .filter((b) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h)
      .map((b) => `${a.id}/${b.id}`),
  );
async function downloads(n: number, act: () => Promise<unknown>): Promise<Record<string, string>> {
  const got: Download[] = [];
  const done = new Promise<void>((resolve) => {
    const on = (d: Download) => {
      got.push(d);
      if (got.length === n) {
        page.off('download', on);
        resolve();
      }
    };
    page.on('download', on);
  });
  await act();
  await done;
  const out: Record<string, string> = {};
  for (const d of got) out[d.suggestedFilename()] = readFileSync((await d.path())!, 'latin1');
  return out;
}

test('the shipped page opens fig. 6 readable at fit zoom, with no overlaps, and asks nothing of the network', async () => {
  const view = await app((a) => {
    const k = a.canvas.area.area.transform.k;
    const sizes = [...document.querySelectorAll('rete-node')].flatMap((n) =>
      [...n.shadowRoot!.querySelectorAll('.title, .input-title, .output-title')].map((e) => parseFloat(getComputedStyle(e).fontSize)),
    );
    const canvas = document.querySelector('#canvas')!.getBoundingClientRect();
    const outside = [...document.querySelectorAll<HTMLElement>('.sg-block')]
      .map((b) => [b.dataset.nodeId, b.getBoundingClientRect()] as const)
      .filter(([, r]) => r.left < canvas.left - 1 || r.right > canvas.right + 1 || r.top < canvas.top - 1 || r.bottom > canvas.bottom + 1)
      .map(([id]) => id);
    return { smallest: Math.min(...sizes) * k, boxes: a.canvas.boxes(), outside };
  });
  assert.ok(view.smallest >= 10, `smallest label ${view.smallest.toFixed(1)} px on screen`);
  assert.deepEqual(view.outside, [], 'every block in view');
  // A fresh page has the canvas focused, so shortcuts work at once, and one Tab reaches a block.
  assert.equal(await active(), 'canvas');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement?.classList.contains('sg-block')), true);
  assert.deepEqual(overlapping(view.boxes), []);
  assert.deepEqual(foreign, []);
  assert.deepEqual(errors, []);
});

test('keyboard: a clicked block has focus; Delete, Ctrl+Z, arrows and ? work; focus stays on the canvas', async () => {
  await page.locator('.sg-block[data-node-id="beta"]').click();
  assert.equal(await active(), 'beta');
  await page.keyboard.press('Delete');
  await page.locator('.sg-block[data-node-id="beta"]').waitFor({ state: 'detached' });
  assert.equal(await active(), 'canvas');
  await page.keyboard.press('Control+z');
  await page.locator('.sg-block[data-node-id="beta"]').waitFor();
  await page.locator('.sg-block[data-node-id="beta"]').focus();
  const before = await page.evaluate(
    () => (document.querySelector('sg-app') as App).store.current.nodes.find((n) => n.id === 'beta')!.position,
  );
  await page.keyboard.press('ArrowRight');
  const moved = await page.evaluate(
    () => (document.querySelector('sg-app') as App).store.current.nodes.find((n) => n.id === 'beta')!.position,
  );
  assert.deepEqual(moved, { x: before.x + 20, y: before.y });
  await page.keyboard.press('Control+z');
  await page.keyboard.press('?');
  await page.getByRole('dialog', { name: 'keyboard shortcuts' }).waitFor();
  await page.keyboard.press('Escape');
  await page.getByRole('dialog', { name: 'keyboard shortcuts' }).waitFor({ state: 'detached' });
});

test('keyboard wiring, and a new block from the palette lands in free space with a sensible id', async () => {
  await page.locator('sg-palette button[data-block="Scale"]').click();
  await page.locator('.sg-block[data-node-id="scale1"]').waitFor();
  const boxes = await app((a) => a.canvas.boxes());
  assert.deepEqual(overlapping(boxes), []);
  await page.locator('.sg-block[data-node-id="scale1"]').click();
  await page.keyboard.press('w');
  const filter = page.getByRole('searchbox', { name: 'filter wires' });
  await filter.fill('beta.out → scale1');
  await page.keyboard.press('Enter');
  await page.locator('sg-wire-dialog').waitFor({ state: 'detached' });
  const wired = await app((a) => a.store.current.connections.some((c) => c.from.node === 'beta' && c.to.node === 'scale1'));
  assert.equal(wired, true);
  assert.equal(await active(), 'scale1');
  await page.keyboard.press('Delete');
  await page.locator('.sg-block[data-node-id="scale1"]').waitFor({ state: 'detached' });
});

test('a real double-click on a Subgraph block opens it laid out; Escape goes back', async () => {
  await page.locator('.sg-block[data-node-id="h"]').dblclick();
  await page.getByRole('button', { name: 'h (fig5-healing.json)' }).waitFor();
  await page.locator('#canvas[data-shown="fig5-healing.json"]').waitFor();
  assert.deepEqual(overlapping(await app((a) => a.canvas.boxes())), []);
  await page.locator('#canvas').focus();
  await page.keyboard.press('Escape');
  await page.locator('#canvas[data-shown="fig6-global.json"]').waitFor();
});

test('the context menu is opaque and stays inside the canvas', async () => {
  const box = (await page.locator('#canvas').boundingBox())!;
  // The lower right corner of the canvas is empty after a fit: the canvas menu opens there.
  const at = { x: box.x + box.width - 6, y: box.y + box.height - 6 };
  assert.equal(await page.evaluate(([x, y]) => document.elementFromPoint(x, y)?.closest('.sg-block') ?? null, [at.x, at.y]), null);
  await page.mouse.click(at.x, at.y, { button: 'right' });
  const ops = page.locator('rete-context-menu').getByText('Ops', { exact: true });
  await ops.waitFor();
  // The item element (the text sits in its shadow root) carries the background.
  const bg = await ops.evaluate((e) => {
    let n: Node | null = e;
    while (n && (n as Element).tagName !== 'RETE-CONTEXT-MENU-ITEM')
      n = n.parentNode instanceof ShadowRoot ? n.parentNode.host : n.parentNode;
    return n ? getComputedStyle(n as Element).backgroundColor : 'none';
  });
  assert.match(bg, /^rgb\(/, `opaque background, got ${bg}`);
  const menu = (await ops.boundingBox())!;
  await ops.hover();
  const scale = page.locator('rete-context-menu').getByText('Scale', { exact: true });
  await scale.waitFor();
  for (const r of [menu, (await scale.boundingBox())!]) {
    assert.ok(
      r.x >= box.x && r.x + r.width <= box.x + box.width,
      `menu item ${JSON.stringify(r)} inside the canvas ${JSON.stringify(box)}`,
    );
    assert.ok(r.y >= box.y && r.y + r.height <= box.y + box.height);
  }
  await page.keyboard.press('Escape');
  await page.mouse.click(box.x + 20, box.y + 20);
});

test('run, hot swap, and every export work in the built site', async () => {
  for (const [label, value] of [
    ['sequences', '120'],
    // Long enough that the run is still going when Stop is pressed, however fast the machine.
    ['epochs', '2000'],
    ['batch', '30'],
  ] as const) {
    await page.getByLabel(label, { exact: true }).fill(value);
    await page.getByLabel(label, { exact: true }).press('Tab');
  }
  await page.locator('sg-run-panel [data-action="run"]').click();
  const loss = page.locator('[data-testid="loss-chart"]');
  // The dock opens for the run: the loss chart is on screen at 1366×768.
  await page.waitForFunction(() => (document.querySelector('sg-app') as App).client.state.rows.length >= 2, null, { timeout: 120_000 });
  const chart = (await loss.boundingBox())!;
  assert.ok(chart.y >= 0 && chart.y + chart.height <= 768, `loss chart at y=${chart.y}, ${chart.height} px tall`);

  // A change the run depends on is swapped in; a move is not.
  await page.locator('.sg-block[data-node-id="beta"]').click();
  await page.locator('sg-inspector input[name="factor"]').fill('0.3');
  await page.waitForFunction(() => document.querySelector<HTMLElement>('[data-testid="loss-chart"]')!.dataset.swaps === '1', null, {
    timeout: 60_000,
  });
  await page.locator('.sg-block[data-node-id="beta"]').focus();
  await page.keyboard.press('ArrowDown');
  await page.waitForTimeout(1500);
  assert.equal((await app((a) => a.client.state.swaps)).length, 1, 'a move is not a hot swap');

  await page.locator('sg-run-panel [data-action="stop"]').click();
  await page.waitForFunction(() => ['stopped', 'done'].includes((document.querySelector('sg-app') as App).client.state.status));
  // "Start from: the last run" is offered as soon as the run ends.
  await page.locator('sg-run-panel #init option[value="last"]').waitFor({ state: 'attached', timeout: 3000 });

  const net = await downloads(2, () => page.locator('sg-run-panel [data-action="export-net"]').click());
  const model = JSON.parse(net['slidegraph-main-net.json']);
  assert.deepEqual(model.weightsManifest[0].paths, ['./slidegraph-main-net.weights.bin']);
  const floats = (model.weightsManifest[0].weights as { shape: number[] }[]).reduce((n, w) => n + w.shape.reduce((a, b) => a * b, 1), 0);
  assert.equal(net['slidegraph-main-net.weights.bin'].length, 4 * floats);

  const csv = await downloads(2, () => page.locator('sg-run-panel [data-action="export-csv"]').click());
  const lines = csv['metrics.csv'].trim().split('\n');
  assert.ok(
    lines.every((l) => !l.startsWith('#')),
    'plain CSV',
  );
  const width = lines[0].split(',').length;
  assert.ok(lines.every((l) => l.split(',').length === width));
  assert.match(csv['swaps.csv'], /^epoch,step,note,refused\n\d+,\d+,[^\n]*beta\.factor = 0\.3/);

  const svg = await downloads(1, () => page.locator('sg-charts [data-action="svg-loss"]').click());
  assert.match(svg['loss.svg'], /<g class="mark">.*beta\.factor = 0\.3/);
  const weights = await downloads(1, () => page.locator('sg-run-panel [data-action="export-weights"]').click());
  assert.ok(Object.keys(JSON.parse(weights['weights.json'])).length > 0);
  assert.deepEqual(errors, []);
});

test('save, open and autosave round-trip the graph', async () => {
  await page.locator('#canvas').focus();
  const saved = await downloads(1, () => page.keyboard.press('Control+s'));
  const text = saved['fig6-global.json'];
  const doc = JSON.parse(text);
  assert.equal(doc.nodes.find((n: { id: string }) => n.id === 'beta').params.factor, 0.3);
  const edited = text.replace('"factor": 0.3', '"factor": 0.7');
  assert.notEqual(edited, text);
  const chooser = page.waitForEvent('filechooser');
  await page.keyboard.press('Control+o');
  await (await chooser).setFiles({ name: 'fig6-global.json', mimeType: 'application/json', buffer: Buffer.from(edited) });
  await page.waitForFunction(
    () => (document.querySelector('sg-app') as App).store.current.nodes.find((n) => n.id === 'beta')?.params.factor === 0.7,
  );
  // The autosave brings the opened file back after a reload.
  await page.waitForTimeout(1500);
  await page.reload();
  await page.locator('#canvas[data-shown="fig6-global.json"]').waitFor();
  assert.equal(await param('beta', 'factor'), 0.7);
  assert.deepEqual(foreign, []);
  assert.deepEqual(errors, []);
});
