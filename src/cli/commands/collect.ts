import { collectSweep, summaryText } from '../sweepSummary';

/** `collect DIR`: the summary files of a sweep folder, and a few lines on stdout. */
export function collectCommand(dir: string): void {
  process.stdout.write(summaryText(collectSweep(dir), dir));
}
