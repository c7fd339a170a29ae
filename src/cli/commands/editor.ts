import { spawn } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import { packageRoot } from '../../runs/packageRoot';
import { CliExit, EXIT_INPUT } from '../fail';

/** Media types of the files `vite build` writes; the wasm one lets the browser compile it while it streams. */
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
};

/** The built editor's file for a request path, or undefined when it names nothing inside the site. */
export function siteFile(site: string, urlPath: string): string | undefined {
  let path: string;
  try {
    path = decodeURIComponent(urlPath.split('?')[0].split('#')[0]);
  } catch {
    return undefined;
  }
  if (path.includes('\0')) return undefined;
  const file = normalize(join(site, path === '/' ? 'index.html' : path));
  if (!file.startsWith(site + sep)) return undefined;
  return existsSync(file) && statSync(file).isFile() ? file : undefined;
}

/**
 * Cross-origin isolation, on every answer: the page and its workers then have SharedArrayBuffer,
 * which the GRU kernel needs to run on several threads (src/kernels/gru/browserThreads.ts). The
 * dev tools send the same pair (scripts/isolation.mjs, which the built command cannot import).
 */
const ISOLATION_HEADERS = { 'cross-origin-opener-policy': 'same-origin', 'cross-origin-embedder-policy': 'require-corp' } as const;

/** The static server for the built editor (not yet listening). */
export function serveSite(site: string): Server {
  return createServer((req, res) => {
    const file = req.method === 'GET' || req.method === 'HEAD' ? siteFile(site, req.url ?? '/') : undefined;
    if (!file) {
      res.writeHead(req.method === 'GET' || req.method === 'HEAD' ? 404 : 405, { 'content-type': 'text/plain', ...ISOLATION_HEADERS });
      res.end('not found\n');
      return;
    }
    const body = readFileSync(file);
    res.writeHead(200, {
      'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
      'content-length': body.length,
      'cache-control': 'no-cache',
      ...ISOLATION_HEADERS,
    });
    res.end(req.method === 'HEAD' ? undefined : body);
  });
}

function openBrowser(url: string): void {
  const [cmd, args] =
    process.platform === 'darwin'
      ? ['open', [url]]
      : process.platform === 'win32'
        ? ['cmd', ['/c', 'start', '', url]]
        : ['xdg-open', [url]];
  const child = spawn(cmd, args, { stdio: 'ignore', detached: true });
  child.on('error', () => process.stderr.write(`slidegraph: could not start a browser (${cmd}); open ${url} yourself\n`));
  child.unref();
}

/**
 * Serves the editor that ships built in the package (dist/) on 127.0.0.1 only: nothing leaves the
 * machine and nothing is fetched, so it works offline. Runs until Ctrl-C (SIGINT) or SIGTERM.
 */
export async function editorCommand(opts: { port: number; open?: boolean }): Promise<void> {
  const site = join(packageRoot, 'dist');
  if (!existsSync(join(site, 'index.html')))
    throw new CliExit(EXIT_INPUT, `the built editor is missing (${join(site, 'index.html')}); in a checkout, run \`npm run build\` first`);
  const server = serveSite(site);
  await new Promise<void>((resolve, reject) => {
    server.once('error', (e: NodeJS.ErrnoException) =>
      reject(
        e.code === 'EADDRINUSE' ? new CliExit(EXIT_INPUT, `--port ${opts.port}: 127.0.0.1:${opts.port} is in use; choose another port`) : e,
      ),
    );
    server.listen(opts.port, '127.0.0.1', resolve);
  });
  const address = server.address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : opts.port}/`;
  process.stdout.write(`Slidegraph editor at ${url} (Ctrl-C stops it)\n`);
  if (opts.open) openBrowser(url);
  await new Promise<void>((resolve) => {
    const stop = () => server.close(() => resolve());
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}
