// The GRU-width sweep of docs/reproduction.md: the paper does not give the width, so the ME and
// ME+ICs stages are trained at each width (ME+ICs initialised from ME, as in fig. 7).
//   npx tsx bench/width-sweep.ts [--widths 16,32,64] [--epochs 50] [--count 15000] [--hold interior|not-first] [--out runs/sweep]
// docs/reproduction.md's table ran on the wave-1 data: --hold not-first.
// Each width gets a copy of graphs/ with fig2-main.json's GRU units changed, so the graph files
// that ran are in the run folders. Finished stages are reused, interrupted ones resumed.
import { cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { flagsPatch } from '../src/run/runSpec';
import { prepareRun } from '../src/runs/prepareRun';
import { resumeRun, runInto } from '../src/runs/runTraining';
import type { RunMetrics } from '../src/train/metrics';

const { values } = parseArgs({
  options: {
    widths: { type: 'string', default: '16,32,64' },
    epochs: { type: 'string', default: '50' },
    count: { type: 'string', default: '15000' },
    out: { type: 'string', default: 'runs/sweep' },
    hold: { type: 'string', default: 'interior' },
  },
});
const widths = values.widths!.split(',').map(Number);
const rows: string[] = [
  '| GRU units | trainable parameters | ME+ICs final loss | ME+ICs mean test error, % | training time, s |',
  '|---|---|---|---|---|',
];
for (const units of widths) {
  const root = join(values.out!, `w${units}`);
  const graphs = join(root, 'graphs');
  if (!existsSync(graphs)) {
    cpSync('graphs', graphs, { recursive: true });
    const main = JSON.parse(readFileSync(join(graphs, 'fig2-main.json'), 'utf8'));
    main.nodes.find((n: { id: string }) => n.id === 'gru').params.units = units;
    writeFileSync(join(graphs, 'fig2-main.json'), `${JSON.stringify(main, null, 2)}\n`);
  }
  let seconds = 0;
  let last: RunMetrics | undefined;
  for (const [stage, file, init] of [
    ['ME', 'stage-me.json', undefined],
    ['ME+ICs', 'stage-me-ics.json', 'ME'],
  ] as const) {
    const dir = join(root, stage);
    const before = existsSync(join(dir, 'metrics.json'))
      ? (JSON.parse(readFileSync(join(dir, 'metrics.json'), 'utf8')) as RunMetrics)
      : undefined;
    last =
      before?.status === 'done'
        ? before
        : before
          ? await resumeRun({ dir, backend: 'wasm', label: `w${units} ${stage}` })
          : await runInto(
              prepareRun(join(graphs, file), [
                flagsPatch({ epochs: Number(values.epochs), count: Number(values.count), ...(init ? { init: join(root, init) } : {}) }),
                { data: { hold: values.hold as 'interior' | 'not-first' } },
              ]),
              { dir, backend: 'wasm', label: `w${units} ${stage}` },
            );
    seconds += last.totalSeconds ?? 0;
  }
  const e = last!.epochs[last!.epochs.length - 1];
  const params = 3 * (units + units * units + units) + units + 1;
  rows.push(`| ${units} | ${params} | ${e.train.total.toFixed(4)} | ${e.testErrorPercent.toFixed(2)} | ${seconds.toFixed(0)} |`);
  console.log(rows.join('\n'));
}
