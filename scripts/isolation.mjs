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
