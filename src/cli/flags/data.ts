import type { Command } from 'commander';
import { addDataFlags } from '../dataFlags';

/** `slidegraph data`: its flags and help; the command's code (src/cli/commands/data.ts) loads only when it runs. */
export function addDataCommand(p: Command): void {
  addDataFlags(
    p
      .command('data')
      .description("generate a synthetic dataset (the paper's by default) and print its summary")
      .option('--out <file>', 'dataset JSON to write')
      .option('--csv <dir>', 'also (or instead) write each sequence as DIR/NNNNN.csv with columns t, V, mu'),
    15000,
  ).action(async (opts) => (await import('../commands/data')).dataCommand(opts));
}
