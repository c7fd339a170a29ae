import type { Page } from 'playwright-core';
import { buildSite, launch, serve } from '../../scripts/site/serve.mjs';

/**
 * The built site as a researcher gets it: `vite build` into a fresh folder, a static server on
 * 127.0.0.1, Chromium at 1366×768 with fig. 6 shown. Page errors go to `errors`; `watch` sees the
 * page before it loads. If opening fails, what was started is stopped before the error goes on.
 */
export async function openBuiltSite(errors: string[], watch: (page: Page, url: string) => void = () => {}) {
  const site = await buildSite();
  const server = await serve(site.dir);
  const browser = await launch();
  const stop = async () => {
    await browser.close();
    await server.close();
    site.remove();
  };
  try {
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 }, acceptDownloads: true });
    page.on('pageerror', (e) => errors.push(e.message));
    watch(page, server.url);
    await page.goto(server.url);
    await page.locator('#canvas[data-shown="fig6-global.json"]').waitFor();
    return { page, dir: site.dir, stop };
  } catch (e) {
    await stop();
    throw e;
  }
}
