// Builds the `slidegraph` command into dist-cli/: plain JavaScript for Node, so the installed command
// needs no TypeScript tooling (`npm ci --omit=dev` keeps it working). Run: npm run build:cli.
//
// Start-up is what shapes it (docs/performance.md, "Start-up"). `--help` must cost little more than
// a bare `node -e 0`, and Node pays for every file it loads. So everything the command line needs
// before a command runs (main.ts, src/cli/flags/, commander) goes into one chunk, dist-cli/chunks/
// start-*.js, loaded by dist-cli/slidegraph.js; each command's code is a chunk of its own that
// loads when it runs, and npm dependencies other than commander stay imports (tfjs, rxjs, ajv,
// d3-dsv and cli-progress load only in the commands that use them). test/cli/startup.test.ts
// counts the files --help and --version load.
//
// commander is bundled, so dist-cli/THIRD_PARTY_LICENSES.txt carries its licence. The GRU kernel's
// worker script (src/kernels/gru/threads.ts) is dist-cli/gru-lane.js, one file of its own: built
// with the CLI, it would share the start chunk and run the command line in each worker.
import { chmodSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type ExternalOption, rolldown } from 'rolldown';
import { noticesText, packageDirOf } from './licenceNotices';

const out = 'dist-cli';
/** bundled into the command: its start-up cost is mostly the many files Node would otherwise load */
const BUNDLED = new Set(['commander']);

const { dependencies } = JSON.parse(readFileSync('package.json', 'utf8')) as { dependencies: Record<string, string> };
const kept = Object.keys(dependencies).filter((d) => !BUNDLED.has(d));
const external: ExternalOption = (id) => id.startsWith('node:') || kept.some((d) => id === d || id.startsWith(`${d}/`));

rmSync(out, { recursive: true, force: true });
const bundled = new Set<string>();

const cli = await rolldown({ input: { slidegraph: 'src/cli/main.ts' }, platform: 'node', external, logLevel: 'warn' });
const written = await cli.write({
  dir: out,
  format: 'esm',
  chunkFileNames: 'chunks/[name]-[hash].js',
  banner: (chunk) => (chunk.isEntry ? '#!/usr/bin/env node' : ''),
  // '$initial': every module the entry imports statically, however deep, in one chunk; but not
  // main.ts itself, whose top-level await would then wait on the command chunks that import it
  codeSplitting: { groups: [{ name: 'start', tags: ['$initial'], test: (id) => !id.endsWith(join('src', 'cli', 'main.ts')) }] },
});
const lane = await rolldown({ input: { 'gru-lane': 'src/kernels/gru/laneWorker.ts' }, platform: 'node', external, logLevel: 'warn' });
const laneWritten = await lane.write({ dir: out, format: 'esm', codeSplitting: false });

for (const file of [...written.output, ...laneWritten.output]) {
  if (file.type !== 'chunk') continue;
  for (const dir of file.moduleIds.map(packageDirOf)) if (dir) bundled.add(dir);
}
writeFileSync(join(out, 'THIRD_PARTY_LICENSES.txt'), noticesText(bundled));
chmodSync(join(out, 'slidegraph.js'), 0o755);
