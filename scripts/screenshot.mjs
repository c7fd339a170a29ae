// Makes docs/editor-training.png, README's picture of the editor mid-training:
//   node scripts/screenshot.mjs [--out docs/editor-training.png]
// It serves the editor with Vite on a free local port, drives Debian's Chromium (/usr/bin/chromium,
// or CHROMIUM_PATH) with playwright-core, runs a small training of fig. 6, changes beta mid-run,
// and takes the picture while the run goes on. Nothing leaves 127.0.0.1.
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { createServer } from 'vite';

const { values } = parseArgs({ options: { out: { type: 'string', default: 'docs/editor-training.png' } } });
const server = await createServer({ server: { port: 0, host: '127.0.0.1', strictPort: false }, logLevel: 'error' });
await server.listen();
const url = server.resolvedUrls.local[0];
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1',
  ],
});
try {
  const page = await browser.newPage({ viewport: { width: 1500, height: 1500 } });
  page.on('pageerror', (e) => console.error('page error:', e.message));
  await page.goto(url, { waitUntil: 'networkidle' });
  await page.getByLabel('sequences').fill('3000');
  await page.getByLabel('epochs', { exact: true }).fill('40');
  await page.getByRole('button', { name: /Run/ }).first().click();
  // Playwright's locators pierce the panel's shadow root; innerText of the host would not.
  const progress = page.getByText(/epoch \d+\/\d+ · step/);
  const epoch = async () => Number((await progress.textContent().catch(() => '')).match(/epoch (\d+)\//)?.[1] ?? 0);
  const until = async (n) => {
    for (let i = 0; i < 600 && (await epoch()) < n; i++) await page.waitForTimeout(200);
  };
  await until(4);
  // Hot-swap: beta 0.1 → 0.3 while training, as a researcher would.
  await page.locator('.sg-block[data-node-id="beta"]').focus();
  const factor = page.locator('sg-inspector input[name="factor"]');
  await factor.fill('0.3');
  await until(9);
  await page.getByRole('button', { name: 'Zoom to fit' }).click();
  await page.waitForTimeout(300);
  await page.screenshot({ path: values.out });
  console.log(`wrote ${values.out} at epoch ${await epoch()}`);
} finally {
  await browser.close();
  await server.close();
}
