// Start-up of the built command against a bare Node: `node dist-cli/slidegraph.js --help` (and
// `--version`, `check`) against `node -e 0`, medians of alternating runs, in one run. The goal is
// --help within 1.5× of `node -e 0`. The ratio is printed only on an idle machine (bench/load.ts).
// `--against DIR` also times DIR/dist-cli/slidegraph.js --help in the same alternation (another
// build, e.g. main's: `git archive main | tar -x -C DIR`, node_modules linked, its build:cli run),
// so that a before/after pair shares the machine's state.
// Run: npm run build:cli && npm run --silent bench:startup -- [--runs N] [--loaded] [--against DIR]
// Last line: {"helpMs", "versionMs", "checkMs", "nodeMs", "helpOverNode", "againstHelpMs"?, "againstOverNode"?,
// "loaded", "loadAverage", "cpu"}. Never run by npm test.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { loadAtEnd, loadAtStart, loadLine } from './load';

const argv = process.argv.slice(2);
const i = argv.indexOf('--runs');
const runs = i >= 0 ? Number(argv[i + 1]) : 21;
const a = argv.indexOf('--against');
const against = a >= 0 ? join(argv[a + 1], 'dist-cli/slidegraph.js') : undefined;
if (against && !existsSync(against)) {
  console.error(`bench:startup --against: ${against} is missing; run build:cli there first`);
  process.exit(2);
}
if (!existsSync('dist-cli/slidegraph.js')) {
  console.error('bench:startup times the built command: run `npm run build:cli` first');
  process.exit(2);
}
const load = loadAtStart();
console.error(loadLine(load));

const commands: Record<string, string[]> = {
  node: ['-e', '0'],
  help: ['dist-cli/slidegraph.js', '--help'],
  version: ['dist-cli/slidegraph.js', '--version'],
  check: ['dist-cli/slidegraph.js', 'check', 'graphs/fig6-global.json'],
  ...(against ? { against: [against, '--help'] } : {}),
};
const times: Record<string, number[]> = Object.fromEntries(Object.keys(commands).map((k) => [k, []]));
// alternating, so a change in the machine's load touches every command alike
for (let r = 0; r < runs; r++) {
  for (const [name, args] of Object.entries(commands)) {
    const t0 = performance.now();
    const p = spawnSync(process.execPath, args, { stdio: 'ignore' });
    if (p.status !== 0) throw new Error(`${name} exited ${p.status}`);
    times[name].push(performance.now() - t0);
  }
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
const ms = Object.fromEntries(Object.entries(times).map(([k, xs]) => [k, Number(median(xs).toFixed(1))]));
const ended = loadAtEnd(load, 1);
console.error(loadLine(ended));
for (const [k, v] of Object.entries(ms)) console.error(`  ${k.padEnd(8)} ${v} ms (median of ${runs})`);
const ratio = ms.help / ms.node;
const show = ended.idle || argv.includes('--loaded');
const over = (x: number) => (show ? `${(x / ms.node).toFixed(2)}${ended.idle ? '' : ' LOADED'}` : 'withheld (loaded)');
console.error(`  --help / node -e 0: ${over(ms.help)}`);
if (against) console.error(`  ${against} --help / node -e 0: ${over(ms.against)}`);
console.log(
  JSON.stringify({
    helpMs: ms.help,
    versionMs: ms.version,
    checkMs: ms.check,
    nodeMs: ms.node,
    ...(ended.idle ? { helpOverNode: Number(ratio.toFixed(2)) } : {}),
    ...(against ? { againstHelpMs: ms.against } : {}),
    ...(against && ended.idle ? { againstOverNode: Number((ms.against / ms.node).toFixed(2)) } : {}),
    loaded: !ended.idle,
    loadAverage: [Number(ended.start.toFixed(2)), Number((ended.end ?? ended.start).toFixed(2))],
    cpu: load.cpu,
  }),
);
