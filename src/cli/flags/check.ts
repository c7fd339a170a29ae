import type { Command } from 'commander';

/** `slidegraph check`: its flags and help; the command's code (src/cli/commands/check.ts) loads only when it runs. */
export function addCheckCommand(p: Command): void {
  p.command('check')
    .description('validate and compile graph files; print blocks, output shapes, loss terms and the trainable parameter count')
    .argument('<graph...>', 'graph JSON files')
    .option('--json', 'print the report as JSON')
    .action(async (files: string[], opts) => (await import('../commands/check')).checkCommand(files, opts));
}
