import type { Command } from 'commander';
import type { HealingOptions } from '../commands/healing';

/** `slidegraph healing`: its flags and help; the command's code (src/cli/commands/healing.ts) loads only when it runs. */
export function addHealingCommand(p: Command): void {
  p.command('healing')
    .description(
      'the healing curve of a slide-hold-slide dataset (data --protocol shs): peak Δμ after the hold against log10 t_hold, and the healing rate β of the true law and of nets',
    )
    .argument('<data>', 'dataset JSON written by data --protocol shs (its test split is read)')
    .option(
      '--predictions <files>',
      'FILE1,FILE2,…: predictions of nets on this dataset (predict RUN --data DATA --out FILE), one per seed',
    )
    .option('--svg <file>', 'write the healing curve as an SVG figure')
    .option('--json', 'print {"trueLaw", "nets", "netsMean", "agingLimit"}: β and its standard error over all holds and the long ones')
    .action(async (data: string, opts: HealingOptions) => (await import('../commands/healing')).healingCommand(data, opts));
}
