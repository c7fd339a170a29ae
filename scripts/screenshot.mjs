// Makes the pictures of README.md and docs/editor.md from the built site, at 1366×768:
//   node scripts/screenshot.mjs [--out docs]
// It builds the editor (vite build into a temporary folder), serves it on 127.0.0.1, drives
// Debian's Chromium (/usr/bin/chromium, or CHROMIUM_PATH) with playwright-core, and writes
//   editor-training.png  fig. 6 training, beta changed mid-run, the loss chart in view
//   editor-subgraph.png  fig. 5 opened from fig. 6 by a double-click, laid out
//   editor-menu.png      fig. 6 as it opens and the canvas menu, opaque and inside the canvas
//   editor-error.png     a compile error drawn above the blocks, and the ? shortcut table
//   editor-prediction.png  the charts dock scrolled to the test sequence chart (V/Vch axis)
//   editor-replay.png    the same run after lossDE is unplugged: greyed, the swap marked, and
//                        the run section's recorded edits once the run is stopped
//   editor-compare.png   four small runs (two learning rates × two seeds, trained here with the
//                        CLI) opened with Compare runs…: overlays, the table, error bars
// Nothing leaves 127.0.0.1.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { openSite } from './site/serve.mjs';

const { values } = parseArgs({ options: { out: { type: 'string', default: 'docs' } } });
const site = await openSite();
const shot = (page, name) => page.screenshot({ path: `${values.out}/${name}` }).then(() => console.log(`wrote ${values.out}/${name}`));
try {
  const page = await site.browser.newPage({ viewport: { width: 1366, height: 768 } });
  page.on('pageerror', (e) => console.error('page error:', e.message));
  await page.goto(site.url);
  await page.locator('#canvas[data-shown="fig6-global.json"]').waitFor();

  // The canvas menu (a press on the canvas clears the selection; the training picture shows one).
  const box = await page.locator('#canvas').boundingBox();
  await page.mouse.click(box.x + box.width - 6, box.y + box.height - 6, { button: 'right' });
  await page.locator('rete-context-menu').getByText('Ops', { exact: true }).hover();
  await page.waitForTimeout(300);
  await shot(page, 'editor-menu.png');
  await page.keyboard.press('Escape');
  await page.mouse.click(box.x + 10, box.y + 10);

  // A compile error: the wire into beta removed (an unplugged Loss block is no error, only
  // inactive); then the shortcut table.
  await page.evaluate(() => {
    const app = document.querySelector('sg-app');
    const c = app.store.current.connections.find((x) => x.to.node === 'beta');
    app.actions.deleteWire(c);
  });
  await page.locator('[data-testid="block-error"]').first().waitFor();
  await page.locator('#canvas').focus();
  await page.keyboard.press('?');
  await page.waitForTimeout(200);
  await shot(page, 'editor-error.png');
  await page.keyboard.press('Escape');
  await page.keyboard.press('Control+z');

  // A sub-graph opened by a double-click.
  await page.locator('.sg-block[data-node-id="h"]').dblclick();
  await page.locator('#canvas[data-shown="fig5-healing.json"]').waitFor();
  await page.waitForTimeout(200);
  await shot(page, 'editor-subgraph.png');
  await page.locator('#canvas').focus();
  await page.keyboard.press('Escape');
  await page.locator('#canvas[data-shown="fig6-global.json"]').waitFor();

  // Training, with a hot swap of beta 0.1 → 0.3 as a researcher would make it.
  await page.getByLabel('sequences', { exact: true }).fill('2000');
  await page.getByLabel('sequences', { exact: true }).press('Tab');
  await page.getByLabel('epochs', { exact: true }).fill('40');
  await page.getByLabel('epochs', { exact: true }).press('Tab');
  await page.locator('sg-run-panel [data-action="run"]').click();
  const epoch = () => page.evaluate(() => document.querySelector('sg-app').client.state.rows.length);
  const until = async (n) => {
    for (let i = 0; i < 900 && (await epoch()) < n; i++) await page.waitForTimeout(200);
  };
  await until(4);
  await page.locator('.sg-block[data-node-id="beta"]').click();
  await page.locator('sg-inspector input[name="factor"]').fill('0.3');
  await until(10);
  await shot(page, 'editor-training.png');
  console.log(`training picture at epoch ${await epoch()}`);

  // The dock scrolled to its last chart: a test sequence, with the V/Vch axis.
  await page.locator('sg-run-panel [data-action="pause"]').click();
  await page.locator('[data-testid="prediction-chart"]').scrollIntoViewIfNeeded();
  await page.waitForTimeout(300);
  await page.locator('section.dock').screenshot({ path: `${values.out}/editor-prediction.png` });
  console.log(`wrote ${values.out}/editor-prediction.png`);

  // Unplugging a loss term mid-run: the block greyed, the term struck through, the swap marked.
  await page.locator('sg-run-panel [data-action="resume"]').click();
  await page.evaluate(() =>
    document.querySelector('sg-app').actions.deleteWire({ from: { node: 'beta', socket: 'out' }, to: { node: 'lossDE', socket: 'value' } }),
  );
  await until((await epoch()) + 3);
  await page.locator('sg-run-panel [data-action="stop"]').click();
  await page.waitForFunction(() => document.querySelector('sg-app').store.state.files['fig6-global.json'].run?.edits?.length === 2);
  await shot(page, 'editor-replay.png');

  // Run comparison: four small runs, two learning rates × two seeds, trained headless.
  const runs = mkdtempSync(join(tmpdir(), 'sg-compare-'));
  try {
    for (const lr of ['1e-3', '3e-3'])
      for (const seed of ['0', '1']) {
        const args = ['train', 'graphs/fig6-global.json', '--count', '200', '--epochs', '8', '--seed', seed, '--lr', lr];
        const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args, '--out', join(runs, `lr${lr}-seed${seed}`)]);
        if (r.status !== 0) throw new Error(`train failed: ${r.stderr}`);
      }
    await page.locator('sg-compare input[type=file]').setInputFiles(runs);
    await page.getByRole('dialog', { name: 'run comparison' }).waitFor();
    await page.waitForTimeout(300);
    await shot(page, 'editor-compare.png');
  } finally {
    rmSync(runs, { recursive: true, force: true });
  }
} finally {
  await site.close();
}
