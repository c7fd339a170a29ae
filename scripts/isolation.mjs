// Cross-origin isolation: with these two headers on every response the editor's page and workers
// get SharedArrayBuffer, which the GRU kernel's lanes need to run on several threads
// (src/kernels/gru/browserThreads.ts). Everything the editor loads is same-origin, so
// `require-corp` blocks nothing. Sent by the dev server, `vite preview` (vite.config.ts), the
// browser tests' server (web-test-runner.config.mjs) and the built-site server (scripts/site);
// `slidegraph editor` sends the same pair (src/cli/commands/editor.ts).
export const ISOLATION_HEADERS = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

/**
 * `vite build` also writes dist/_headers, the file static hosts such as Netlify and Cloudflare
 * Pages read for response headers, so the shipped site is isolated there without configuration.
 * A host that ignores the file still needs the pair configured (docs/editor.md).
 */
export function isolationHeadersFile() {
  const lines = Object.entries(ISOLATION_HEADERS).map(([k, v]) => `  ${k}: ${v}`);
  return {
    name: 'isolation-headers-file',
    apply: 'build',
    generateBundle() {
      this.emitFile({ type: 'asset', fileName: '_headers', source: ['/*', ...lines, ''].join('\n') });
    },
  };
}
