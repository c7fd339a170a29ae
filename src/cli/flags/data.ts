import type { Command } from 'commander';
import { InputError } from '../../util/inputError';
import { addDataFlags } from '../dataFlags';

/** `--velocities MIN,MAX`: two velocities > 0 in m/s, the first not above the second. */
function velocityRangeOption(raw: string): [number, number] {
  const parts = raw.split(',').map((x) => x.trim());
  const [lo, hi] = parts.map(Number);
  if (parts.length !== 2 || parts.some((x) => x === '') || !(lo > 0 && hi > 0 && Number.isFinite(lo) && Number.isFinite(hi)))
    throw new InputError('--velocities', `must be MIN,MAX, two velocities > 0 in m/s, got ${JSON.stringify(raw)}`);
  if (lo > hi) throw new InputError('--velocities', `MIN must not exceed MAX, got ${JSON.stringify(raw)}`);
  return [lo, hi];
}

/** `slidegraph data`: its flags and help; the command's code (src/cli/commands/data.ts) loads only when it runs. */
export function addDataCommand(p: Command): void {
  addDataFlags(
    p
      .command('data')
      .description("generate a synthetic dataset (the paper's by default) and print its summary")
      .option('--out <file>', 'dataset JSON to write')
      .option('--csv <dir>', 'also (or instead) write each sequence as DIR/NNNNN.csv with columns t, V, mu')
      .option(
        '--from-fit <fit.json>',
        "spring-slider records of a fitted machine (fit --out DIR's fit.json): its spring, states and trend, the record's velocities, length, sample rate and noise (docs/lab.md)",
      )
      .option(
        '--velocities <min,max>',
        "with --from-fit: draw sliding velocities log-uniformly over [MIN, MAX] m/s instead of the record's lowest and highest",
        velocityRangeOption,
      ),
    15000,
  ).action(async (opts, cmd: Command) => (await import('../commands/data')).dataCommand(opts, cmd));
}
