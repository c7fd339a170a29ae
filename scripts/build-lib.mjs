// Builds the library entries into dist-lib/: index.js (src/index.ts, Node and the browser) and
// node.js (src/node.ts, run folders: Node only), each one ES module with the npm
// dependencies left as imports, and its type declarations under dist-lib/types/ (tsc), so that
// `import { compileGraph } from 'slidegraph'` works with types and without TypeScript tooling.
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { build } from 'esbuild';

rmSync('dist-lib', { recursive: true, force: true });
const common = { bundle: true, format: 'esm', target: 'es2022', packages: 'external', logLevel: 'warning' };
await build({ ...common, entryPoints: ['src/node.ts'], outfile: 'dist-lib/node.js', platform: 'node' });
await build({
  entryPoints: ['src/index.ts'],
  outfile: 'dist-lib/index.js',
  bundle: true,
  platform: 'neutral',
  format: 'esm',
  target: 'es2022',
  packages: 'external',
  logLevel: 'warning',
});
const tsc = spawnSync('npx', ['tsc', '-p', 'tsconfig.lib.json'], { stdio: 'inherit' });
process.exit(tsc.status ?? 1);
