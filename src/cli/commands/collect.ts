import type { Command } from 'commander';
import { collectSweep, summaryText } from '../sweepSummary';

/** `collect DIR`: the summary files of a sweep folder, and a few lines on stdout. */
function collectCommand(dir: string): void {
  process.stdout.write(summaryText(collectSweep(dir), dir));
}

/** `slidegraph collect`: its flags, parsed into the types above, and the command they run. */
export function addCollectCommand(p: Command): void {
  p.command('collect')
    .description('summarise a sweep folder: summary.json, summary.csv and report.html (mean and sd over seeds per setting)')
    .argument('<dir>', 'folder written by sweep')
    .action((dir: string) => collectCommand(dir));
}
