import { maxOf, minOf } from '../util/extent';
import { InputError } from '../util/inputError';
import type { Experiment } from './csv';
import { type DataConfig, type Dataset, dataConfig, type Sequence, testMask } from './dataset';
import type { DetectedProtocol } from './detectedProtocol';
import { sequenceFields } from './fields';
import { paperRules } from './generator';
import { type ImportOptions, importDefaults } from './importOptions';
import { linspace } from './sampling';

// The options live in their own light module: the CLI reads the defaults for its help text without loading the importer.
export { type ImportOptions, importDefaults };

/** Steps and the hold from the rows of V (relative times `tr`). */
export function detectProtocol(e: Experiment, opts: Pick<ImportOptions, 'step' | 'holdBelow'>): DetectedProtocol & { jumpRows: number[] } {
  const { V } = e;
  const tr = e.t.map((x) => x - e.t[0]);
  const jumpRows: number[] = [];
  for (let k = 1; k < V.length; k++) if (Math.abs(V[k] - V[k - 1]) > opts.step * Math.max(V[k], V[k - 1])) jumpRows.push(k);
  const starts = [0, ...jumpRows];
  const velocities = starts.map((s, j) => {
    const end = j + 1 < starts.length ? starts[j + 1] : V.length;
    // Averaging the differences from the first row keeps an exactly constant interval exact.
    let sum = 0;
    for (let k = s; k < end; k++) sum += V[k] - V[s];
    return V[s] + sum / (end - s);
  });
  const duration = tr[tr.length - 1];
  const jumpTimes = jumpRows.map((k) => tr[k]);
  let hold: number | null = null;
  let longest = -1;
  for (let j = 1; j < velocities.length; j++) {
    if (!(velocities[j] < opts.holdBelow)) continue;
    const length = (j < jumpTimes.length ? jumpTimes[j] : duration) - jumpTimes[j - 1];
    if (length > longest) [hold, longest] = [j, length];
  }
  return { jumpTimes, velocities, hold, duration, muStart: e.mu[0], source: e.source, jumpRows };
}

/**
 * The samples the loss fields are derived from: V is a step function held from each row to the
 * next (right-continuous, as in the generator), mu is interpolated linearly between rows, and
 * slip is the integral of that step function from the first row.
 */
export function resample(e: Experiment, samples: number) {
  const tr = e.t.map((x) => x - e.t[0]);
  const t = linspace(0, tr[tr.length - 1], samples);
  const V = new Float64Array(samples);
  const mu = new Float64Array(samples);
  const slip = new Float64Array(samples);
  let k = 0;
  let slipK = 0; // slip at row k
  for (let i = 0; i < samples; i++) {
    while (k + 1 < tr.length && tr[k + 1] <= t[i]) {
      slipK += e.V[k] * (tr[k + 1] - tr[k]);
      k++;
    }
    V[i] = e.V[k];
    slip[i] = slipK + e.V[k] * (t[i] - tr[k]);
    const exact = tr[k] === t[i] || k + 1 === tr.length;
    mu[i] = exact ? e.mu[k] : e.mu[k] + ((e.mu[k + 1] - e.mu[k]) * (t[i] - tr[k])) / (tr[k + 1] - tr[k]);
  }
  return { t, V, mu, slip };
}

/** A measured channel at the samples t (relative times), interpolated linearly between rows as μ is. */
function channelAt(e: Experiment, values: Float64Array, t: Float64Array): Float64Array {
  const out = new Float64Array(t.length);
  let k = 0;
  for (let i = 0; i < t.length; i++) {
    while (k + 1 < e.t.length && e.t[k + 1] - e.t[0] <= t[i]) k++;
    const tk = e.t[k] - e.t[0];
    out[i] =
      tk === t[i] || k + 1 === e.t.length ? values[k] : values[k] + ((values[k + 1] - values[k]) * (t[i] - tk)) / (e.t[k + 1] - e.t[k]);
  }
  return out;
}

/**
 * Vch and δμch read off the experiments, so that Features and Targets are of order one: Vch is
 * the fastest interval velocity found (Features then lie in [0, 1], as the paper's do), δμch the
 * widest spread of μ within one experiment, from its 1st to its 99th percentile row (a few noisy
 * rows do not set it).
 */
export function scaleFromRecord(experiments: readonly Experiment[], found: readonly DetectedProtocol[]): { vCh: number; dmuCh: number } {
  const vCh = maxOf(found.flatMap((p) => p.velocities.map(Math.abs)));
  const dmuCh = maxOf(
    experiments.map((e) => {
      const mu = Float64Array.from(e.mu).sort();
      const at = (q: number) => mu[Math.round(q * (mu.length - 1))];
      return at(0.99) - at(0.01);
    }),
  );
  return { vCh, dmuCh };
}

/** μ(0) of the targets: the mean of the first `count` samples, never past the first step (at least the first). */
function startMu(t: Float64Array, mu: Float64Array, jumpTimes: readonly number[], count: number): number {
  let n = 1;
  while (n < count && n < mu.length && !(jumpTimes.length && t[n] >= jumpTimes[0])) n++;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += mu[i];
  return sum / n;
}

/** With a derived slider velocity, the features are the slider's (sampled linearly) and slip its integral. */
function sliderAt(e: Experiment, s: ReturnType<typeof resample>): { V?: Float64Array; slip?: Float64Array } {
  if (!e.slider) return {};
  const V = channelAt(e, e.slider, s.t);
  // V is linear between samples, so its trapezoid is its integral
  const slip = new Float64Array(s.t.length);
  for (let i = 1; i < s.t.length; i++) slip[i] = slip[i - 1] + ((V[i] + V[i - 1]) / 2) * (s.t[i] - s.t[i - 1]);
  return { V, slip };
}

/** Experiments → an ordinary dataset, its fields derived by the generator's own sequenceFields. */
export function importDataset(experiments: readonly Experiment[], opts: ImportOptions): Dataset {
  if (experiments.length === 0) throw new InputError('FILE', 'no experiments to import');
  const found = experiments.map((e) => detectProtocol(e, opts));
  const scale = scaleFromRecord(experiments, found);
  const vCh = opts.vCh === 'record' ? scale.vCh : opts.vCh;
  const dmuCh = opts.dmuCh === 'record' ? scale.dmuCh : opts.dmuCh;
  if (!(vCh > 0)) throw new InputError('--vch', 'cannot be chosen from the record, whose velocities are all 0: give --vch');
  if (!(dmuCh > 0)) throw new InputError('--dmu-ch', 'cannot be chosen from the record, whose mu does not vary: give --dmu-ch');
  const most = maxOf(found.map((p) => p.jumpTimes.length));
  const maxJumps = opts.maxJumps ?? Math.max(paperRules.maxJumps, most);
  found.forEach((p, i) => {
    if (p.jumpTimes.length > maxJumps) {
      const e = experiments[i];
      const file = e.source.replace(/#.*$/, '');
      throw new InputError(
        `row ${e.lines[p.jumpRows[maxJumps]]}, column ${e.velocity}`,
        `experiment ${e.source} has ${p.jumpTimes.length} velocity steps, more than --max-jumps ${maxJumps}`,
        file,
      );
    }
  });
  const fewest = Math.min(maxJumps, Math.max(1, minOf(found.map((p) => p.jumpTimes.length))));
  const extra = Object.keys(experiments[0].extra ?? {});
  const overrides = {
    count: experiments.length,
    seed: opts.seed,
    testFraction: opts.testFraction,
    samples: opts.samples,
    maxJumps,
    minJumps: fewest,
    // A measured record may hold a single step: 'not-first' is the hold rule that allows one
    // jump (an interior hold needs two). Records with two or more keep the paper's rule.
    ...(fewest < 2 ? { hold: 'not-first' as const } : {}),
    duration: maxOf(found.map((p) => p.duration)),
    vCh,
    dmuCh,
    // only when asked for, so a dataset without extra channels keeps its bytes
    ...(extra.length ? { extra } : {}),
  };
  let config: DataConfig;
  try {
    config = dataConfig(overrides);
  } catch (e) {
    if (e instanceof InputError && e.field === 'extra') throw new InputError('--extra', e.reason);
    throw e;
  }
  const isTest = testMask(config);
  const sequences = experiments.map((e, i): Sequence => {
    const { jumpRows: _, ...protocol } = found[i];
    const s = resample(e, opts.samples);
    protocol.muStart = startMu(s.t, s.mu, protocol.jumpTimes, opts.startSamples ?? 1);
    const dmuNorm = s.mu.map((m) => (m - protocol.muStart) / dmuCh);
    const fields = sequenceFields(
      { t: s.t, V: s.V, dmuNorm, slip: s.slip, ...sliderAt(e, s) },
      protocol.jumpTimes,
      protocol.hold,
      vCh,
      maxJumps,
      // the slider's V moves smoothly through a step: the jump's log ratio is the load point's
      e.slider ? protocol.velocities : undefined,
    );
    // A jump into or out of a lab hold (V exactly 0) has no finite ln(V_after/V_before): it is
    // written 0, as a padded jump is, so no loss term reads an infinity (docs/lab.md).
    fields.LogVRatio = fields.LogVRatio.map((x) => (Number.isFinite(x) ? x : 0));
    const split = isTest[i] ? ('test' as const) : ('train' as const);
    if (!extra.length) return { protocol, split, ...fields };
    const channels = Object.fromEntries(extra.map((name) => [name, channelAt(e, (e.extra as Record<string, Float64Array>)[name], s.t)]));
    return { protocol, split, ...fields, extra: channels };
  });
  return { config, sequences };
}
