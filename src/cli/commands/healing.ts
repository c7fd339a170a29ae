import { agingLongHoldRate, binnedCurve, type HealingPoint, type HealingRate, healingPeaks, healingRate } from '../../paper/healing';
import { parseDataset } from '../../physics/datasetFile';
import { shsHoldRange } from '../../physics/generator';
import { chartSvg, palette } from '../../plots/svg';
import { writeFileAtomic } from '../../runs/atomicWrite';
import { readJson } from '../../runs/files';
import { datasetHash } from '../../runs/recordedData';
import { readPredictionsValue } from '../../train/predictionsFile';
import { InputError } from '../../util/inputError';
import { type Stat, stat } from '../../util/stats';
import { jsonText } from '../cleanText';

export interface HealingOptions {
  predictions?: string;
  svg?: string;
  json?: boolean;
}

/** β over every hold and over the top decade of shs's range (holds ≫ Dc/V, where the aging law's β is b ln 10). */
const rates = (points: readonly HealingPoint[], longFrom: number) => ({ all: healingRate(points), long: healingRate(points, longFrom) });
const across = (xs: HealingRate[]): Stat => stat(xs.map((r) => r.beta));
const show = (r: HealingRate) => `${r.beta.toFixed(4)} ± ${r.se.toFixed(4)}`;
const showStat = (s: Stat) => `${s.mean.toFixed(4)}${s.sd === null ? '' : ` ± ${s.sd.toFixed(4)}`}`;

/**
 * The healing curve of a slide-hold-slide dataset's test split: the true law's peaks (the exact
 * simulation) and, for each predictions file (`predict RUN --data DATA`), a net's; β of each by
 * least squares, with its standard error, and over the nets (seeds) mean ± sd.
 */
export function healingCommand(data: string, opts: HealingOptions): void {
  const ds = parseDataset(readJson(data), data);
  const T = ds.config.samples;
  const truth = healingPeaks(ds, (q) => ds.sequences[q].Targets);
  if (truth.length < 3)
    throw new InputError(
      'sequences',
      `holds ${truth.length} slide-hold-slide test sequences; the healing curve needs at least 3 (data --protocol shs)`,
      data,
    );
  const longFrom = (ds.config.duration * shsHoldRange.max) / 10;
  const long = truth.filter((p) => p.holdSeconds >= longFrom).length;
  if (long < 3)
    throw new InputError('sequences', `holds ${long} test holds of ${longFrom} s or more; β of the long holds needs at least 3`, data);
  const sha = datasetHash(ds);
  const files = (opts.predictions ?? '').split(',').filter((f) => f !== '');
  const nets = files.map((file) => {
    const y = readPredictionsValue(readJson(file), file, { count: ds.sequences.length, samples: T, sha256: () => sha });
    return { file, points: healingPeaks(ds, (q) => y.subarray(q * T, (q + 1) * T)) };
  });
  const law = rates(truth, longFrom);
  const perNet = nets.map((n) => ({ file: n.file, ...rates(n.points, longFrom) }));
  const agingLimit = agingLongHoldRate(ds.config.params.b);
  if (opts.svg) writeFileAtomic(opts.svg, `${healingSvg(truth, nets, law, perNet, ds.config.duration)}\n`);
  if (opts.json) {
    const mean = nets.length ? { all: across(perNet.map((r) => r.all)), long: across(perNet.map((r) => r.long)) } : null;
    process.stdout.write(
      `${jsonText({ data, holds: truth.length, longFromSeconds: longFrom, trueLaw: law, nets: perNet, netsMean: mean, agingLimit }, 2)}\n`,
    );
    return;
  }
  const row = (name: string, all: string, long: string) => `${name.padEnd(40)} ${all.padEnd(20)} ${long}`;
  const lines = [
    `healing on ${truth.length} slide-hold-slide test sequences of ${data}: β = d(peak Δμ)/d log10 t_hold, least squares ± standard error`,
    row('', 'all holds', `holds ≥ ${(longFrom * 1000).toPrecision(3)} ms`),
    row('true law (exact simulation)', show(law.all), show(law.long)),
    ...perNet.map((r) => row(`net ${r.file}`, show(r.all), show(r.long))),
    ...(nets.length > 1
      ? [
          row(
            `nets, mean ± sd over ${nets.length}`,
            showStat(across(perNet.map((r) => r.all))),
            showStat(across(perNet.map((r) => r.long))),
          ),
        ]
      : []),
    `aging law for holds ≫ Dc/V: β → b ln 10 = ${agingLimit.toFixed(4)}`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

/** Peaks binned by tenths of a decade of t_hold, for the true law and the nets, with each one's least-squares line. */
function healingSvg(
  truth: HealingPoint[],
  nets: { file: string; points: HealingPoint[] }[],
  law: { all: HealingRate },
  perNet: { all: HealingRate }[],
  duration: number,
): string {
  const lo = duration * shsHoldRange.min;
  const hi = duration * shsHoldRange.max;
  const decades = Math.log10(hi / lo);
  const edges = Array.from({ length: Math.round(decades * 5) + 1 }, (_, k) => lo * 10 ** (k / 5));
  edges[edges.length - 1] = hi * (1 + 1e-9);
  const curve = (points: HealingPoint[]) => binnedCurve(points, edges);
  const line = (r: HealingRate) => [lo, hi].map((h) => r.intercept + r.beta * Math.log10(h));
  const netPoints = nets.flatMap((n) => n.points);
  const netRate = perNet.length
    ? { ...perNet[0].all, beta: across(perNet.map((r) => r.all)).mean, intercept: stat(perNet.map((r) => r.all.intercept)).mean }
    : undefined;
  const t = curve(truth);
  const n = curve(netPoints);
  return chartSvg({
    title: 'Healing: peak Δμ after the hold against the hold time',
    x: { label: 'hold time t_hold, s', log: true },
    y: { label: 'peak Δμ above the sliding μ before the hold' },
    series: [
      { label: 'true law (bin means)', x: t.map((p) => p.hold), y: t.map((p) => p.peak), color: '#000', points: true },
      { label: 'true law: least-squares fit', x: [lo, hi], y: line(law.all), color: '#000', dashed: true },
      ...(netRate
        ? [
            {
              label: `net (bin means over ${nets.length} seeds)`,
              x: n.map((p) => p.hold),
              y: n.map((p) => p.peak),
              color: palette[1],
              points: true,
            },
            { label: 'net: least-squares fit', x: [lo, hi], y: line(netRate), color: palette[1], dashed: true },
          ]
        : []),
    ],
  });
}
