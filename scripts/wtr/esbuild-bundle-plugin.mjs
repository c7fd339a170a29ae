// @ts-check
/**
 * web-test-runner plugin: every request for a project TypeScript file
 * (`/test/browser/foo.test.ts`, `/src/train/worker.ts`, ...) is answered with an
 * esbuild bundle of that file (bundle, ESM, platform browser, inline source map).
 * Nothing is written to disk and the bundles are built on request, so a run
 * always sees the current sources.
 *
 * Why bundle: the dev server cannot load CommonJS dependencies (long, seedrandom,
 * @babel/runtime, elkjs) as they are; esbuild converts them while bundling.
 *
 * Resolution rules applied inside every bundle:
 *  - `@tensorflow/tfjs`, `@tensorflow/tfjs-core`, `-layers` and `-backend-cpu` are NOT bundled: they become an
 *    import of the prebuilt single-file ESM build
 *    `/node_modules/@tensorflow/tfjs/dist/tf.fesm.js`, served as a static file.
 *    Bundling tfjs costs ~1 s per test file; this costs nothing, and every bundle and
 *    worker on the page shares the one tfjs instance. tf.fesm.js re-exports all of
 *    tfjs-core, so packages that import tfjs-core (e.g. @tensorflow/tfjs-backend-wasm)
 *    use the same engine. Deep imports such as `@tensorflow/tfjs-core/dist/...` are
 *    not redirected and would bundle a second copy: avoid them in code under test.
 *  - `elkjs` resolves to `elkjs/lib/elk.bundled.js` (no worker script needed).
 *
 * Workers and assets: in project files (not node_modules), the literal form
 * `new URL('./relative/path', import.meta.url)` is rewritten to the root-absolute
 * path of its target (`new URL('/src/train/train.worker.ts', import.meta.url)`), on the
 * same line so source maps stay right. Without this, a URL written in a module under
 * src/ would resolve against the test bundle's URL instead. Combined with the
 * "any .ts request is bundled" rule, the Vite-compatible worker idiom works as-is:
 *
 *     new Worker(new URL('./train.worker.ts', import.meta.url), { type: 'module' })
 *
 * The browser then requests `/src/.../train.worker.ts`, which is bundled on demand
 * as its own entry. Keep the `new URL(...)` inline in the `new Worker(...)` call with
 * a string literal (that is also the only form Vite's build recognises).
 */

import fs from 'node:fs';
import path from 'node:path';
import * as esbuild from 'esbuild';

const SERVED_SOURCE = /\.(?:ts|mts|tsx)$/;
const LOADABLE = /\.(?:ts|mts|cts|tsx|js|mjs|cjs|jsx)$/;
const RELATIVE_URL = /new\s+URL\s*\(\s*(['"])(\.{1,2}\/[^'"\r\n]*)\1(\s*,\s*import\.meta\.url\s*\))/g;
const TFJS_FESM = 'node_modules/@tensorflow/tfjs/dist/tf.fesm.js';

/** @param {string} p */
const toPosix = (p) => p.split(path.sep).join('/');

/** @param {string} file @returns {esbuild.Loader} */
function loaderFor(file) {
  const ext = path.extname(file);
  if (ext === '.tsx') return 'tsx';
  if (ext === '.jsx') return 'jsx';
  if (ext === '.ts' || ext === '.mts' || ext === '.cts') return 'ts';
  return 'js';
}

/**
 * esbuild plugin with the resolution rules described above.
 * @param {{ root: string, tfjsUrl: string | null }} opts
 * @returns {esbuild.Plugin}
 */
export function slidegraphEsbuildPlugin({ root, tfjsUrl }) {
  return {
    name: 'slidegraph-wtr',
    setup(build) {
      if (tfjsUrl) {
        build.onResolve({ filter: /^@tensorflow\/tfjs(?:-core|-layers|-backend-cpu)?$/ }, () => ({
          path: tfjsUrl,
          external: true,
        }));
      }
      build.onResolve({ filter: /^elkjs$/ }, async (args) => {
        const r = await build.resolve('elkjs/lib/elk.bundled.js', {
          kind: args.kind,
          resolveDir: args.resolveDir,
          importer: args.importer,
        });
        return r.errors.length > 0 ? { errors: r.errors } : { path: r.path };
      });
      build.onLoad({ filter: LOADABLE }, async (args) => {
        if (args.path.includes(`${path.sep}node_modules${path.sep}`)) return undefined;
        const text = await fs.promises.readFile(args.path, 'utf8');
        if (!text.includes('import.meta.url')) return undefined;
        const dir = path.dirname(args.path);
        const rewritten = text.replace(RELATIVE_URL, (_m, _q, rel, tail) => {
          const target = toPosix(path.relative(root, path.resolve(dir, rel)));
          return `new URL(${JSON.stringify(`/${target}`)}${tail}`;
        });
        if (rewritten === text) return undefined;
        return { contents: rewritten, loader: loaderFor(args.path) };
      });
    },
  };
}

/**
 * Bundle one entry file for the browser.
 * @param {string} file absolute path
 * @param {{ root: string, tfjsUrl: string | null }} opts
 * @returns {Promise<{ code: string, inputs: string[] }>} JavaScript (ESM) with an inline
 *   source map, and the absolute paths of the project files (not node_modules) it contains
 */
export async function bundleForBrowser(file, { root, tfjsUrl }) {
  const result = await esbuild.build({
    entryPoints: [file],
    absWorkingDir: root,
    // Output "lives" next to its source (it is served at the source's URL), so the
    // relative `sources` in the inline map resolve to the real files.
    outdir: path.dirname(file),
    entryNames: '[name]',
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    sourcemap: 'inline',
    write: false,
    metafile: true,
    logLevel: 'silent',
    define: { 'process.env.NODE_ENV': '"test"' },
    plugins: [slidegraphEsbuildPlugin({ root, tfjsUrl })],
  });
  const out = result.outputFiles.find((f) => f.path.endsWith('.js'));
  if (!out) throw new Error(`esbuild produced no JavaScript for ${file}`);
  const inputs = Object.keys(result.metafile?.inputs ?? {})
    .filter((p) => !p.includes('node_modules/') && !p.includes(':'))
    .map((p) => path.resolve(root, p));
  return { code: out.text, inputs };
}

/**
 * @param {{ rootDir?: string, externalTfjs?: boolean }} [options]
 * @returns {import('@web/test-runner').TestRunnerPlugin}
 */
export function esbuildBundlePlugin(options = {}) {
  const root = path.resolve(options.rootDir ?? process.cwd());
  const fesm = path.join(root, TFJS_FESM);
  const tfjsUrl = options.externalTfjs !== false && fs.existsSync(fesm) ? `/${TFJS_FESM}` : null;

  /** @type {{ add(paths: string[]): unknown } | undefined} */
  let fileWatcher;

  return {
    name: 'slidegraph-esbuild-bundle',
    serverStart(args) {
      // Watch mode (`wtr --watch`): the dev server only watches files it served, and
      // bundled sources are never served on their own, so register them here. A change
      // to a file wtr has not seen requested makes it rerun every test file.
      fileWatcher = args.fileWatcher;
    },
    async serve(context) {
      let urlPath;
      try {
        urlPath = decodeURIComponent(context.path);
      } catch {
        return undefined;
      }
      if (!SERVED_SOURCE.test(urlPath)) return undefined;
      const file = path.join(root, urlPath);
      if (!file.startsWith(root + path.sep)) return undefined;
      if (file.includes(`${path.sep}node_modules${path.sep}`)) return undefined;
      if (!fs.existsSync(file)) return undefined;
      try {
        const { code, inputs } = await bundleForBrowser(file, { root, tfjsUrl });
        fileWatcher?.add(inputs);
        return { body: code, type: 'js', headers: { 'cache-control': 'no-store' } };
      } catch (err) {
        // Serve a module that throws, so the test file fails with the build error
        // instead of a bare 500 (and the reporter counts it as a failure).
        const errors = /** @type {{ errors?: esbuild.Message[] }} */ (err).errors;
        const text = errors?.length
          ? (await esbuild.formatMessages(errors, { kind: 'error', color: false })).join('\n')
          : String(/** @type {Error} */ (err)?.stack ?? err);
        console.error(`[esbuild] failed to bundle ${urlPath}\n${text}`);
        return {
          body: `throw new Error(${JSON.stringify(`esbuild failed to bundle ${urlPath}:\n${text}`)});\n`,
          type: 'js',
          headers: { 'cache-control': 'no-store' },
        };
      }
    },
  };
}
