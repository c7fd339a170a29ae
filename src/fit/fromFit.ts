import { type DataConfig, dataConfig } from '../physics/dataset';
import { type FittedMachine, holdRange } from '../physics/fittedMachine';
import { InputError } from '../util/inputError';
import type { FitFile } from './fitFile';

/** What `data --from-fit` leaves to the user: the data flags the fit does not decide. */
export interface FromFitSettings {
  count: number;
  seed: number;
  testFraction?: number;
  /** record length, s; the record's own by default (the sample rate stays the record's) */
  duration?: number;
  minJumps?: number;
  maxJumps?: number;
  /** σ of the targets in units of δμch; the record's measured noise by default */
  noiseMu?: number;
  noiseV?: number;
  /** the sliding velocities' range, m/s; the record's lowest and highest by default */
  velocities?: readonly [number, number];
}

/** The record's lowest and highest load-point velocities, holds (V = 0) left out. */
function velocityRange(fit: FitFile): { vMin: number; vMax: number } {
  const moving = [fit.record.v0, ...fit.steps.map((s) => s.velocity)].filter((v) => v > 0);
  return { vMin: Math.min(...moving), vMax: Math.max(...moving) };
}

/**
 * Characteristic scales at the record's own: Vch its highest velocity, so the features lie in
 * (0, 1]; δμch the fitted direct effect over its velocity range, a ln(vMax/vMin) (a alone when
 * the record never changes speed), the size of the friction changes a step makes.
 */
function fittedScales(fit: FitFile, vMin: number, vMax: number): { vCh: number; dmuCh: number } {
  return { vCh: vMax, dmuCh: vMax > vMin ? fit.params.a * Math.log(vMax / vMin) : fit.params.a };
}

/**
 * The dataset config of `data --from-fit`: the fitted spring, states and trend; the record's
 * velocity range, length, sample rate and noise; the user's count, seed, split, jumps. The
 * load point starts each record in steady sliding at Vref = the record's first velocity, so μ0
 * keeps the fit's meaning.
 */
export function fromFitConfig(fit: FitFile, s: FromFitSettings, file: string): DataConfig {
  const { vMin, vMax } = s.velocities ? { vMin: s.velocities[0], vMax: s.velocities[1] } : velocityRange(fit);
  const duration = s.duration ?? fit.record.duration;
  const samples = Math.round(duration * fit.record.sampleRate) + 1;
  if (samples > 100_000)
    throw new InputError(
      '--duration',
      `${duration} s at the record's ${fit.record.sampleRate.toPrecision(4)} Hz is ${samples} samples per record, more than 100000; give a shorter --duration`,
    );
  const { vCh, dmuCh } = fittedScales(fit, vMin, vMax);
  if (fit.noise === null && s.noiseMu === undefined)
    throw new InputError('noise', 'is null (the record had under 3 rows before its first step); give --noise-mu SIGMA', file);
  const noiseMu = s.noiseMu ?? (fit.noise as number) / dmuCh;
  const machine: FittedMachine = {
    input: 'load-point velocity',
    states: [
      { law: fit.law, b: fit.params.b, dc: fit.params.dc },
      ...(fit.states === 2 ? [{ law: fit.law, b: fit.params.b2 as number, dc: fit.params.dc2 as number }] : []),
    ],
    trend: fit.params.trend,
    vMin,
    vMax,
    sampleRate: fit.record.sampleRate,
    ...holdRange(duration, fit.record.sampleRate),
  };
  try {
    return dataConfig({
      count: s.count,
      seed: s.seed,
      ...(s.testFraction ? { testFraction: s.testFraction } : {}),
      ...(s.minJumps !== undefined ? { minJumps: s.minJumps } : {}),
      ...(s.maxJumps !== undefined ? { maxJumps: s.maxJumps } : {}),
      duration,
      samples,
      law: fit.law,
      system: 'spring-slider',
      k: fit.params.k,
      params: { mu0: fit.params.mu0, a: fit.params.a, b: fit.params.b, vRef: fit.record.v0, dc: fit.params.dc },
      vCh,
      dmuCh,
      noise: { mu: noiseMu, v: s.noiseV ?? 0 },
      fromFit: machine,
    });
  } catch (e) {
    // the fit's own values were checked when read, but not against each other: a spring below
    // the critical stiffness is the file's; anything else is a flag's, named as dataConfig names it
    throw e instanceof InputError && e.field === 'k' ? new InputError('params.k', e.reason, file) : e;
  }
}
