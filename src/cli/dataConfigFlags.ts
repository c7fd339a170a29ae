import { type DataConfig, dataConfig } from '../physics/dataset';
import type { DataFlags } from './dataFlags';

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
    ...(f.testFraction ? { testFraction: f.testFraction } : {}),
  });
}
