import { type DataConfig, dataConfig } from '../physics/dataset';
import type { DataFlags } from './dataFlags';

/** The entries that were given: a flag left out keeps the paper's value. */
function given<T extends Record<string, number | undefined>>(o: T): Partial<Record<keyof T, number>> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<Record<keyof T, number>>;
}

/** The data flags as a checked DataConfig (apart from dataFlags.ts, which `--help` loads: this needs the generator). */
export function dataConfigFromFlags(f: DataFlags): DataConfig {
  return dataConfig({
    count: f.count,
    seed: f.seed,
    rule: f.rule,
    law: f.law,
    system: f.system,
    timing: f.timing,
    hold: f.hold,
    noise: { mu: f.noiseMu ?? 0, v: f.noiseV ?? 0 },
    ...(f.k !== undefined ? { k: f.k } : {}),
    ...(f.protocol !== undefined ? { protocol: f.protocol } : {}),
    params: Object.fromEntries(
      (
        [
          ['mu0', f.mu0],
          ['a', f.a],
          ['b', f.b],
          ['vRef', f.vref],
          ['dc', f.dc],
        ] as const
      ).filter(([, v]) => v !== undefined),
    ),
    ...given({
      duration: f.duration,
      totalSlipDc: f.totalSlip,
      minJumps: f.minJumps,
      maxJumps: f.maxJumps,
      holdVelocity: f.holdVelocity,
      samples: f.samples,
    }),
    ...(f.testFraction ? { testFraction: f.testFraction } : {}),
  });
}
