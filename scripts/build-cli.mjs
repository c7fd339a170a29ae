// Builds the `slidegraph` command into dist-cli/slidegraph.js: the CLI as one ES module for Node,
// with its npm dependencies left as imports (they are the package's dependencies), so the installed
// command runs plain JavaScript and needs no TypeScript tooling (`npm ci --omit=dev` keeps it working).
import { chmodSync } from 'node:fs';
import { build } from 'esbuild';

const out = 'dist-cli/slidegraph.js';
await build({
  entryPoints: ['src/cli/main.ts'],
  outfile: out,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  banner: { js: '#!/usr/bin/env node' },
  logLevel: 'warning',
});
chmodSync(out, 0o755);
