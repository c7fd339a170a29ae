// Builds the `slidegraph` command into dist-cli/slidegraph.js: the CLI as one ES module for Node,
// with its npm dependencies left as imports (they are the package's dependencies), so the installed
// command runs plain JavaScript and needs no TypeScript tooling (`npm ci --omit=dev` keeps it working).
// Code splitting keeps each command's dynamic import a chunk of its own (dist-cli/chunks/), so
// `--help` and the commands that never train load neither tfjs nor the training code.
import { chmodSync, rmSync } from 'node:fs';
import { build } from 'esbuild';

const out = 'dist-cli/slidegraph.js';
rmSync('dist-cli', { recursive: true, force: true });
await build({
  // gru-lane: the script of the GRU kernel's worker threads (src/kernels/gru/threads.ts)
  entryPoints: { slidegraph: 'src/cli/main.ts', 'gru-lane': 'src/kernels/gru/laneWorker.ts' },
  outdir: 'dist-cli',
  chunkNames: 'chunks/[name]-[hash]',
  splitting: true,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  banner: { js: '#!/usr/bin/env node' },
  logLevel: 'warning',
});
chmodSync(out, 0o755);
