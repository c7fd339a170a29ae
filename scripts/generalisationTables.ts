// The tables and the learning-curve figure of docs/generalisation.md, from the sweep folders and
// the `evaluate --data` outputs its commands write (RUN/eval-<protocol>.json, RUN/eval-learning.json):
//   npx tsx scripts/generalisationTables.ts runs/generalisation --svg docs/generalisation/learning-curve.svg --floor 1.31
// Each cell is the mean ± sample sd over the seeds of `testErrorPercent.mean` (or `.median`), n beside it.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { errorBarSvg } from '../src/plots/errorBars';
import { type Stat, stat } from '../src/util/stats';

const { positionals, values } = parseArgs({ allowPositionals: true, options: { svg: { type: 'string' }, floor: { type: 'string' } } });
const root = positionals[0] ?? 'runs/generalisation';
const protocols = ['jumps', 'shs', 'ramps', 'sine', 'mixed'];

interface Evaluation {
  testErrorPercent: { mean: number; median: number };
}
/** Every run of a sweep folder: its swept value, its seed and its evaluations by test set. */
function runs(sweep: string) {
  const dir = join(root, sweep, 'runs');
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const m = name.match(/^run\.data\.(?:protocol|count)=([^_]+)_seed=(\d+)$/);
    if (!m) return [];
    const evals = new Map<string, Evaluation>();
    for (const f of readdirSync(join(dir, name))) {
      const e = f.match(/^eval-(.+)\.json$/);
      if (!e) continue;
      try {
        evals.set(e[1], JSON.parse(readFileSync(join(dir, name, f), 'utf8')));
      } catch {
        // an evaluation still being written, or one that failed: left out, and n says so
      }
    }
    return [{ value: m[1], seed: Number(m[2]), evals }];
  });
}

const cell = (s: Stat | undefined, digits = 2) =>
  !s ? '—' : `${s.mean.toFixed(digits)}${s.sd === null ? '' : ` ± ${s.sd.toFixed(digits)}`} (${s.n})`;
const of = (xs: number[]) => (xs.length ? stat(xs) : undefined);

function protocolTable(sweep: string, key: 'mean' | 'median'): string {
  const rs = runs(sweep);
  if (!rs.length) return `(no runs under ${join(root, sweep)})\n`;
  const lines = [`| trained on ↓ / tested on → | ${protocols.join(' | ')} |`, `|---|${protocols.map(() => '---').join('|')}|`];
  for (const p of protocols) {
    const mine = rs.filter((r) => r.value === p);
    if (!mine.length) continue;
    const cells = protocols.map((t) => cell(of(mine.flatMap((r) => (r.evals.has(t) ? [r.evals.get(t)!.testErrorPercent[key]] : [])))));
    lines.push(`| ${p} | ${cells.join(' | ')} |`);
  }
  return `${lines.join('\n')}\n`;
}

/** ME alone against ME+ICs+DE+H per training-set size, on one fixed test set, and their difference paired by seed. */
function learningCurve() {
  const me = ['-small', '', '-large'].flatMap((size) => runs(`learning-curve-me${size}`));
  const phys = ['-small', '', '-large'].flatMap((size) => runs(`learning-curve-physics${size}`));
  const err = (r: { evals: Map<string, Evaluation> }) => r.evals.get('learning')?.testErrorPercent.mean;
  const counts = [...new Set([...me, ...phys].map((r) => Number(r.value)))].sort((a, b) => a - b);
  const rows = counts.map((count) => {
    const pick = (xs: typeof me) => xs.filter((r) => Number(r.value) === count && err(r) !== undefined);
    const a = pick(me);
    const b = pick(phys);
    const paired = b.flatMap((rb) => {
      const ra = a.find((x) => x.seed === rb.seed);
      return ra ? [err(rb)! - err(ra)!] : [];
    });
    return { count, me: of(a.map((r) => err(r)!)), physics: of(b.map((r) => err(r)!)), diff: of(paired) };
  });
  const lines = [
    '| sequences | ME | ME+ICs+DE+H | ME+ICs+DE+H − ME (paired by seed) |',
    '|---|---|---|---|',
    ...rows.map((r) => `| ${r.count} | ${cell(r.me)} | ${cell(r.physics)} | ${cell(r.diff)} |`),
  ];
  return { rows, text: `${lines.join('\n')}\n` };
}

const sections = [
  ['train-protocol', 'GRU (fig. 6)'],
  ['train-protocol-small', 'GRU at the LSTM scale'],
  ['train-protocol-lstm', 'LSTM'],
  ['train-jumps-lstm', 'LSTM at the GRU scale'],
] as const;
for (const [sweep, what] of sections) {
  process.stdout.write(`\n${what}, ${sweep}: mean eq. (15) test error, %, mean ± sd over seeds (n)\n\n${protocolTable(sweep, 'mean')}`);
  process.stdout.write(`\n${what}, ${sweep}: median eq. (15) test error, %\n\n${protocolTable(sweep, 'median')}`);
}
const lc = learningCurve();
process.stdout.write(`\nLearning curve: mean eq. (15) test error on one fixed test set, %\n\n${lc.text}`);
if (values.svg) {
  const group = (label: string, pick: (r: (typeof lc.rows)[number]) => Stat | undefined) => ({
    label,
    points: lc.rows.flatMap((r) => {
      const s = pick(r);
      return s ? [{ x: String(r.count), mean: s.mean, sd: s.sd }] : [];
    }),
  });
  const svg = errorBarSvg({
    title: 'Learning curve: test error against training-set size (mean ± sd over seeds)',
    x: 'training-set size, sequences (80 % train; 90 epochs up to 1,000, then 30)',
    y: 'mean eq. (15) test error, %',
    groups: [
      group('ME alone', (r) => r.me),
      group('ME+ICs+DE+H', (r) => r.physics),
      // `floor --predictor forward` of the test set's dataset, which no amount of data moves
      ...(values.floor ? [group('forward floor of V/Vch', () => ({ mean: Number(values.floor), sd: null, n: 1 }))] : []),
    ],
  });
  writeFileSync(values.svg, `${svg}\n`);
}
