import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Download, Page } from 'playwright-core';
import { setRunSettings } from '../support/runPanel';
import { openBuiltSite } from '../support/site';

/**
 * The built site, as a researcher gets it: `vite build` into a fresh folder, a static server on
 * 127.0.0.1, Debian's Chromium at 1366×768. The page is src/editor/main.ts with the wasm backend,
 * exactly as shipped. The tests run in order on one page, as one session of use would.
 */
let page: Page;
let siteDir = '';
let stop: () => Promise<void> = async () => undefined;
const foreign: string[] = [];
const errors: string[] = [];

before(async () => {
  ({
    page,
    dir: siteDir,
    stop,
  } = await openBuiltSite(errors, (p, at) =>
    p.on('request', (r) => {
      if (!r.url().startsWith(at) && !r.url().startsWith('blob:') && !r.url().startsWith('data:')) foreign.push(r.url());
    }),
  ));
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
  actions: { setParam(id: string, name: string, value: number): void };
  client: { state: { rows: { train: Record<string, number> }[]; swaps: { note: string }[]; status: string; dropped: string[] } };
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
/** Strings found in tfjs-core's and ELK's code (an error message, a package name) and in nothing else the site bundles. */
const TFJS_MARKER = 'Cannot evaluate flag';
const ELK_MARKER = 'org.eclipse.elk';
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

/** The smallest label on screen, in pixels, and the blocks not wholly inside the canvas. */
const onScreen = () =>
  app((a) => {
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

/** Wires that do not leave their block's right edge for a block wholly to the right. */
const backwards = () =>
  app((a) => {
    const at = new Map(a.canvas.boxes().map((b) => [b.id, b]));
    return a.store.current.connections
      .filter((c) => {
        const from = at.get(c.from.node)!;
        return !(from.x + from.w < at.get(c.to.node)!.x);
      })
      .map((c) => `${c.from.node} → ${c.to.node}`);
  });

/** Presses L on the canvas and waits for the layout to be made. */
async function arrange(): Promise<void> {
  const layouts = () => page.locator('#canvas').evaluate((e) => Number((e as HTMLElement).dataset.layouts ?? 0));
  const before = await layouts();
  await page.locator('#canvas').focus();
  await page.keyboard.press('l');
  await page.waitForFunction((n) => Number(document.querySelector<HTMLElement>('#canvas')!.dataset.layouts ?? 0) > n, before);
}

/** The page's own scripts: the entry in index.html and every chunk it imports, statically or not (workers excluded). */
function pageScripts(): Map<string, string> {
  const html = readFileSync(join(siteDir, 'index.html'), 'utf8');
  const todo = [...html.matchAll(/<script[^>]+src="\/([^"]+\.js)"/g)].map((m) => m[1]);
  const seen = new Map<string, string>();
  while (todo.length) {
    const file = todo.pop()!;
    if (seen.has(file)) continue;
    const code = readFileSync(join(siteDir, file), 'utf8');
    seen.set(file, code);
    for (const m of code.matchAll(/(?:\bfrom\s*|\bimport\s*\(?\s*)["']\.\/([^"']+\.js)["']/g)) todo.push(join(dirname(file), m[1]));
  }
  return seen;
}

test('the shipped page opens fig. 6 readable at fit zoom, with no overlaps, and asks nothing of the network', async () => {
  const view = await onScreen();
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

test('the built site carries its isolation headers for static hosts (dist/_headers, every path)', () => {
  const lines = readFileSync(join(siteDir, '_headers'), 'utf8').split('\n');
  assert.equal(lines[0], '/*');
  assert.ok(lines.includes('  Cross-Origin-Opener-Policy: same-origin'), lines.join(' | '));
  assert.ok(lines.includes('  Cross-Origin-Embedder-Policy: require-corp'), lines.join(' | '));
});

test("the page's own scripts carry no tfjs (the training worker does), and load lays out in a worker", async () => {
  const scripts = pageScripts();
  assert.ok(scripts.size > 0);
  const withTf = [...scripts].filter(([, code]) => code.includes(TFJS_MARKER)).map(([f]) => f);
  assert.deepEqual(withTf, [], 'tfjs is evaluated in the worker, not on the page');
  // The marker does find tfjs where it is: in the training worker's bundle.
  const assets = readdirSync(join(siteDir, 'assets')).filter((f) => f.endsWith('.js') && !scripts.has(`assets/${f}`));
  assert.ok(
    assets.some((f) => readFileSync(join(siteDir, 'assets', f), 'utf8').includes(TFJS_MARKER)),
    `tfjs in a worker chunk: ${assets.join(', ')}`,
  );
  // ELK (1.5 MB) is not on the page either: fig. 6 was laid out at load, by the layout worker.
  assert.deepEqual(
    [...scripts].filter(([, code]) => code.includes(ELK_MARKER)).map(([f]) => f),
    [],
  );
  assert.ok(Number(await page.locator('#canvas').getAttribute('data-layouts')) >= 1, 'fig. 6 opened laid out');
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
  // Ctrl+C, Ctrl+V: a copy of beta, selected; Ctrl+Z takes it away again.
  const count = () => app((a) => a.store.current.nodes.length);
  const n = await count();
  await page.locator('.sg-block[data-node-id="beta"]').focus();
  await page.keyboard.press('Control+c');
  await page.keyboard.press('Control+v');
  await page.waitForFunction((m) => (document.querySelector('sg-app') as App).store.current.nodes.length === m + 1, n);
  const pasted = await app((a) => a.store.current.nodes.find((x) => x.id === a.store.state.selection[0])!);
  assert.equal(pasted.type, 'Scale');
  assert.equal(pasted.params.factor, await param('beta', 'factor'));
  await page.keyboard.press('Control+z');
  assert.equal(await count(), n);
  // F fits the graph again after a zoom.
  const k = () => app((a) => a.canvas.area.area.transform.k);
  await page.locator('#canvas').focus();
  await page.keyboard.press('f');
  await page.waitForTimeout(100);
  const fit = await k();
  const box = (await page.locator('#canvas').boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.wheel(0, -300);
  await page.waitForFunction((f) => (document.querySelector('sg-app') as App).canvas.area.area.transform.k > f * 1.05, fit);
  await page.locator('#canvas').focus();
  await page.keyboard.press('f');
  await page.waitForFunction((f) => Math.abs((document.querySelector('sg-app') as App).canvas.area.area.transform.k - f) < 1e-3, fit);
  assert.ok(Math.abs((await k()) - fit) < 1e-3);
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
  // Fig. 5's eleven layers wrap into rows: the whole graph fits the canvas, labels readable.
  const fig5 = await onScreen();
  assert.deepEqual(overlapping(fig5.boxes), []);
  assert.ok(fig5.smallest >= 10, `smallest label ${fig5.smallest.toFixed(1)} px on screen`);
  assert.deepEqual(fig5.outside, [], 'every block of fig. 5 in view');
  await page.locator('#canvas').focus();
  await page.keyboard.press('Escape');
  await page.locator('#canvas[data-shown="fig6-global.json"]').waitFor();
});

test('auto-arrange leaves no wire running backwards, on fig. 6 and inside a sub-graph', async () => {
  await arrange();
  assert.deepEqual(await backwards(), []);
  assert.deepEqual(overlapping(await app((a) => a.canvas.boxes())), []);
  // Scrambled first, so the layout has something to do: every block of fig. 3 in one place.
  await page.locator('.sg-block[data-node-id="ics"]').click();
  await page.keyboard.press('Enter');
  await page.locator('#canvas[data-shown="fig3-initial-condition.json"]').waitFor();
  for (const id of ['square', 'difference', 'ics']) {
    await page.locator(`.sg-block[data-node-id="${id}"]`).focus();
    for (let i = 0; i < 8; i++) await page.keyboard.press('ArrowLeft');
  }
  assert.notDeepEqual(await backwards(), [], 'the scramble turned wires around');
  await arrange();
  assert.deepEqual(await backwards(), []);
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
  await setRunSettings(page, {
    sequences: '120',
    // Long enough that the run is still going when Stop is pressed, however fast the machine.
    epochs: '2000',
    batch: '30',
  });
  await page.locator('sg-run-panel [data-action="run"]').click();
  const loss = page.locator('[data-testid="loss-chart"]');
  // The dock opens for the run: the loss chart is on screen at 1366×768.
  await page.waitForFunction(() => (document.querySelector('sg-app') as App).client.state.rows.length >= 2, null, { timeout: 120_000 });
  // Served cross-origin isolated, the worker runs the GRU kernel on every core: a lane per core past the first.
  assert.equal(await page.evaluate(() => crossOriginIsolated), true);
  const cores = await page.evaluate(() => navigator.hardwareConcurrency);
  assert.equal(page.workers().filter((w) => w.url().includes('browserLane')).length, cores - 1, 'GRU lanes');
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

  // Removing a loss term is a swap too: the term keeps its history and is struck through.
  const term = await param('lossH', 'name');
  await page.locator('.sg-block[data-node-id="lossH"]').click();
  await page.keyboard.press('Delete');
  await page.waitForFunction(() => (document.querySelector('sg-app') as App).client.state.swaps.length === 2, null, { timeout: 60_000 });
  await page
    .locator('sg-charts .legend .dropped')
    .filter({ hasText: String(term) })
    .waitFor();
  const kept = await app((a) => a.client.state.dropped.flatMap((t) => a.client.state.rows.filter((r) => t in r.train).map(() => t)));
  assert.ok(kept.length > 0 && kept.every((t) => t === term), `history of ${term} kept: ${kept.length} rows`);
  await page.keyboard.press('Control+z');

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
  const hist = await downloads(1, () => page.locator('sg-charts [data-action="svg-histogram"]').click());
  assert.match(hist['histogram.svg'], /last bin: \d+(\.\d+)? % and above/);
  const weights = await downloads(1, () => page.locator('sg-run-panel [data-action="export-weights"]').click());
  assert.ok(Object.keys(JSON.parse(weights['weights.json'])).length > 0);
  assert.deepEqual(errors, []);
});

test('the charts dock resizes by its bar, and the loss chart follows and stays on screen', async () => {
  const dock = page.locator('section.dock');
  const loss = page.locator('[data-testid="loss-chart"]');
  const sizes = async () => ({ dock: (await dock.boundingBox())!, loss: (await loss.boundingBox())! });
  const inside = (s: Awaited<ReturnType<typeof sizes>>) => {
    assert.ok(s.loss.y >= s.dock.y - 1 && s.loss.y + s.loss.height <= s.dock.y + s.dock.height + 1, `loss chart ${JSON.stringify(s)}`);
    assert.ok(s.dock.y + s.dock.height <= 768);
  };
  const start = await sizes();
  inside(start);
  const bar = (await page.locator('sg-splitter').boundingBox())!;
  await page.mouse.move(bar.x + bar.width / 2, bar.y + bar.height / 2);
  await page.mouse.down();
  await page.mouse.move(bar.x + bar.width / 2, bar.y + bar.height / 2 - 120, { steps: 6 });
  await page.mouse.up();
  await page.waitForFunction(
    (h) => document.querySelector('[data-testid="loss-chart"]')!.getBoundingClientRect().height > h + 100,
    start.loss.height,
  );
  const taller = await sizes();
  inside(taller);
  assert.ok(Math.abs(taller.dock.height - start.dock.height - 120) <= 2, `dock ${start.dock.height} → ${taller.dock.height}`);
  // From the keyboard, down to the smallest dock: the loss chart shrinks with it, still whole.
  // (A run opens the dock only as far as the graph stays readable, which may be the smallest.)
  await page.locator('sg-splitter').focus();
  for (let i = 0; i < 20; i++) await page.keyboard.press('ArrowDown');
  await page.waitForFunction(
    (h) => document.querySelector('[data-testid="loss-chart"]')!.getBoundingClientRect().height < h,
    taller.loss.height,
  );
  const smallest = await sizes();
  inside(smallest);
  assert.ok(smallest.loss.height >= 100, `loss chart ${smallest.loss.height} px tall`);
  for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowUp');
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

test('an edit made just before the page goes away is kept (the autosave is written on pagehide)', async () => {
  // Within one task, so the autosave's delay cannot have run: only the pagehide write saves it.
  const stored = await app((a) => {
    a.actions.setParam('gamma', 'factor', 0.25);
    window.dispatchEvent(new PageTransitionEvent('pagehide'));
    const saved = JSON.parse(localStorage.getItem('slidegraph:v1:autosave')!) as {
      files: Record<string, { nodes: { id: string; params: Record<string, unknown> }[] }>;
    };
    return saved.files['fig6-global.json'].nodes.find((n) => n.id === 'gamma')!.params.factor;
  });
  assert.equal(stored, 0.25);
  // And as a researcher meets it: an edit, then a reload at once.
  await app((a) => a.actions.setParam('gamma', 'factor', 0.35));
  await page.reload();
  await page.locator('#canvas[data-shown="fig6-global.json"]').waitFor();
  assert.equal(await param('gamma', 'factor'), 0.35);
  assert.deepEqual(errors, []);
});
