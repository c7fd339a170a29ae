import type { Command } from 'commander';
import { backendOption, threadsOption } from '../options';

/** `slidegraph losses`: its flags and help; the command's code (src/cli/commands/losses.ts) loads only when it runs. */
export function addLossesCommand(p: Command): void {
  p.command('losses')
    .description("score given predictions with a graph's loss terms (they replace the main net's output)")
    .argument('<graph>', 'graph JSON file')
    .requiredOption('--data <file>', 'dataset JSON written by `data`')
    .requiredOption(
      '--predictions <file>',
      'predictions file written by predict, or a JSON array with one array of normalized predictions per sequence',
    )
    .addOption(backendOption())
    .addOption(threadsOption())
    .action(async (graph: string, opts) => (await import('../commands/losses')).lossesCommand(graph, opts));
}
