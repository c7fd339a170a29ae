// The built editor, served as a static site on 127.0.0.1, and Debian's Chromium to look at it.
// Shared by the built-site tests (test/e2e), scripts/screenshot.mjs and bench/editor-longtasks.mjs.
import { createReadStream, existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { chromium } from 'playwright-core';
import { build } from 'vite';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../chromium.mjs';
import { ISOLATION_HEADERS } from '../isolation.mjs';

const types = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
};

/** `npm run build` into a fresh folder (dist/ is left alone). */
export async function buildSite() {
  const outDir = mkdtempSync(join(tmpdir(), 'slidegraph-site-'));
  await build({ logLevel: 'error', build: { outDir, emptyOutDir: true } });
  return { dir: outDir, remove: () => rmSync(outDir, { recursive: true, force: true }) };
}

/** A static server for `dir` on a free port of 127.0.0.1; resolves to its URL and a close function. */
export function serve(dir) {
  const server = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)).replace(/^(\.\.[/\\])+/, '');
    let file = join(dir, path);
    if (!file.startsWith(dir) || !existsSync(file) || statSync(file).isDirectory()) file = join(dir, 'index.html');
    res.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream', ...ISOLATION_HEADERS });
    createReadStream(file).pipe(res);
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      resolve({ url: `http://127.0.0.1:${port}/`, close: () => new Promise((r) => server.close(r)) });
    }),
  );
}

/** Chromium with the browser tests' flags (scripts/chromium.mjs), the network guard included. */
export function launch() {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
}

/** Build, serve and launch in one go, for scripts. */
export async function openSite() {
  const site = await buildSite();
  const server = await serve(site.dir);
  const browser = await launch();
  return {
    url: server.url,
    browser,
    async close() {
      await browser.close();
      await server.close();
      site.remove();
    },
  };
}
