import { errorBarSvg } from '../plots/errorBars';
import { esc } from '../plots/svg';
import { formatSigned, formatStat, type Stat, stat } from '../util/stats';
import { type FloorKind, floorMeaning, floorName } from './featureFloor';
import { htmlTable, pageStyle } from './html';

/** What `reproduce --seeds` measured, as tables.json holds it: one value per seed behind every mean. */
export interface SeedsTables {
  stages: { stage: string; paper: { finalLoss: number; testErrorPercent: number }; finalLoss: Stat; testErrorPercent: Stat }[];
  perSeed: {
    seed: number;
    results: { stage: string; finalLoss: number; testErrorPercent: number }[];
    controls: { stage: string; testErrorPercent: number }[];
    floor: { mean: number };
  }[];
  floor: Stat;
  /** which floor `floor` is */
  floorKind: FloorKind;
  controls: { stage: string; matches: readonly string[]; epochs: number; testErrorPercent: Stat }[];
}

/**
 * Each staged run minus its own seed's epoch control, for every stage a control matches: a
 * paired difference, so the spread between seeds (different data, different nets) cancels.
 */
export function pairedControl(t: SeedsTables): { stage: string; control: string; perSeed: number[]; diff: Stat }[] {
  return t.controls.flatMap((c, ci) =>
    c.matches.flatMap((m) => {
      const si = t.stages.findIndex((s) => s.stage === m);
      if (si < 0) return [];
      const perSeed = t.perSeed.map((p) => p.results[si].testErrorPercent - p.controls[ci].testErrorPercent);
      return [{ stage: m, control: c.stage, perSeed, diff: stat(perSeed) }];
    }),
  );
}

const list = (xs: number[], d: number) => xs.map((x) => x.toFixed(d)).join(', ');

/** One self-contained page over all seeds: tables I–II as mean ± sd, the floor, the control, error bars. */
export function seedsReportHtml(t: SeedsTables, command: string): string {
  const seeds = t.perSeed.map((p) => p.seed);
  const n = seeds.length;
  const stageError = (i: number) => t.perSeed.map((p) => p.results[i].testErrorPercent);
  const controlOf = new Map(t.controls.flatMap((c) => c.matches.map((m) => [m, c] as const)));
  const figure = errorBarSvg({
    title: `Test error at the last epoch, mean ± sd over ${n} seeds`,
    x: 'stage',
    y: 'mean eq. (15) test error, %',
    groups: [
      { label: 'staged (fig. 7)', points: t.stages.map((s) => ({ x: s.stage, ...s.testErrorPercent })) },
      ...(t.controls.length
        ? [
            {
              label: 'epoch control (ME alone, as many epochs)',
              points: t.stages.flatMap((s) => {
                const c = controlOf.get(s.stage);
                return c ? [{ x: s.stage, ...c.testErrorPercent }] : [];
              }),
            },
          ]
        : []),
      { label: floorName(t.floorKind), points: t.stages.map((s) => ({ x: s.stage, ...t.floor })) },
    ],
  });
  const paired = pairedControl(t);
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Slidegraph: reproduction over ${n} seeds</title>
<style>${pageStyle}</style>
</head><body>
<h1>Reproduction of “Slide, Hold, Learn” over seeds ${esc(seeds.join(', '))}</h1>
<p>Each cell is the mean ± sample sd over the ${n} seeds (n = ${n}); a seed fixes the data, the initialisation and the shuffling. Each seed's own report, with its figures: ${seeds
    .map((s) => `<a href="seed-${s}/report.html">seed ${s}</a>`)
    .join(', ')}.</p>
${htmlTable(
  'table-1',
  "Table I: final training loss (the stage's objective)",
  ['stage', 'mean ± sd', 'per seed', 'paper'],
  t.stages.map((s, i) => [
    s.stage,
    formatStat(s.finalLoss, 4),
    list(
      t.perSeed.map((p) => p.results[i].finalLoss),
      4,
    ),
    String(s.paper.finalLoss),
  ]),
)}
${htmlTable(
  'table-2',
  'Table II: mean eq. (15) test error at the last epoch, %',
  ['stage', 'mean ± sd', 'per seed', 'paper', `above the ${t.floorKind.predictor} floor`],
  t.stages.map((s, i) => [
    s.stage,
    formatStat(s.testErrorPercent, 2),
    list(stageError(i), 2),
    String(s.paper.testErrorPercent),
    formatSigned(s.testErrorPercent.mean - t.floor.mean),
  ]),
)}
<p id="floor">${esc(floorName(t.floorKind))}, test splits: ${formatStat(t.floor, 2)} % (${list(
    t.perSeed.map((p) => p.floor.mean),
    2,
  )}). ${esc(floorMeaning(t.floorKind))}</p>
${
  t.controls.length
    ? `${htmlTable(
        'table-control',
        'Epoch control: ME continued with the ME loss alone, from the same ME weights, test error %',
        ['control', 'epochs', 'mean ± sd', 'per seed'],
        t.controls.map((c, ci) => [
          c.stage,
          String(c.epochs),
          formatStat(c.testErrorPercent, 2),
          list(
            t.perSeed.map((p) => p.controls[ci].testErrorPercent),
            2,
          ),
        ]),
      )}
${htmlTable(
  'table-paired',
  'Each staged run minus its own seed’s control (paired), points',
  ['comparison', 'mean ± sd', 'per seed'],
  paired.map((d) => [`${d.stage} − ${d.control}`, formatStat(d.diff, 2, true), d.perSeed.map((x) => formatSigned(x)).join(', ')]),
)}`
    : ''
}
<figure id="error-bars">${figure}</figure>
<p>Command: <code>${esc(command)}</code></p>
</body></html>
`;
}
