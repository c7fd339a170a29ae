import type { Command } from 'commander';

/** `slidegraph collect`: its flags and help; the command's code (src/cli/commands/collect.ts) loads only when it runs. */
export function addCollectCommand(p: Command): void {
  p.command('collect')
    .description('summarise a sweep folder: summary.json, summary.csv and report.html (mean and sd over seeds per setting)')
    .argument('<dir>', 'folder written by sweep')
    .action(async (dir: string) => (await import('../commands/collect')).collectCommand(dir));
}
