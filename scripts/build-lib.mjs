// Builds the library entries into dist-lib/: index.js (src/index.ts, Node and the browser), one
// ES module with the npm dependencies left as imports; index.cjs, the same for require();
// node.js (src/node.ts, run folders: Node only, ES module); and their type declarations under
// dist-lib/types/ (tsc), so that `import { compileGraph } from 'slidegraph'` works with types
// and without TypeScript tooling.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { build } from 'esbuild';

rmSync('dist-lib', { recursive: true, force: true });
const common = { bundle: true, target: 'es2022', packages: 'external', logLevel: 'warning' };
const index = { ...common, entryPoints: ['src/index.ts'] };
await build({ ...index, outfile: 'dist-lib/index.js', platform: 'neutral', format: 'esm' });
await build({ ...index, outfile: 'dist-lib/index.cjs', platform: 'node', format: 'cjs' });
// import.meta.url finds the package root (src/runs/packageRoot.ts): ES module only.
await build({ ...common, entryPoints: ['src/node.ts'], outfile: 'dist-lib/node.js', platform: 'node', format: 'esm' });
const tsc = spawnSync('npx', ['tsc', '-p', 'tsconfig.lib.json'], { stdio: 'inherit' });
if (tsc.status !== 0) process.exit(tsc.status ?? 1);

// The sources import without extensions (moduleResolution bundler). Under node16/nodenext a
// declaration file in an ES module package must name the file it imports, so every relative
// specifier gets the `.js` (or `/index.js`) that its declaration file stands for.
// The emitter may also name a folder alone (`import("..")`, for a type it reaches through src/index.ts).
const RELATIVE = /((?:from|import)\s*\(?\s*)(['"])(\.{1,2}(?:\/[^'"]*)?)\2/g;
function withExtensions(file) {
  const text = readFileSync(file, 'utf8');
  // A bare `import 'x'` registers something at run time and says nothing about types; in a
  // declaration file it would make the consumer's compiler read x's declarations for no reason.
  const out = text.replace(/^import ['"][^'"]+['"];\n/gm, '').replace(RELATIVE, (whole, head, quote, spec) => {
    const target = resolve(dirname(file), spec);
    if (existsSync(`${target}.d.ts`)) return `${head}${quote}${spec}.js${quote}`;
    if (existsSync(join(target, 'index.d.ts'))) return `${head}${quote}${spec}/index.js${quote}`;
    if (spec.endsWith('.js')) return whole;
    throw new Error(`${file}: cannot tell which declaration file '${spec}' names`);
  });
  if (out !== text) writeFileSync(file, out);
}
const walk = (dir) =>
  readdirSync(dir).flatMap((name) => (statSync(join(dir, name)).isDirectory() ? walk(join(dir, name)) : [join(dir, name)]));
for (const file of walk('dist-lib/types')) if (file.endsWith('.d.ts')) withExtensions(file);
