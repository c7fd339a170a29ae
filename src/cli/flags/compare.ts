import { type Command, Option } from 'commander';
import type { CompareFlags } from '../commands/compare';
import { backendOption, intOption, positiveOption, threadsOption } from '../options';
import { addRecordFlags } from '../recordFlags';

/** `slidegraph compare`: its flags and help; the command's code (src/cli/commands/compare.ts) loads only when it runs. */
export function addCompareCommand(p: Command): void {
  addRecordFlags(
    p
      .command('compare')
      .description(
        'score the fitted rate-and-state law, a trained net and constant μ on the same held-out windows of a lab record; docs/lab.md',
      )
      .argument('<record>', 'delimited lab record (as import and fit read it)'),
  )
    .requiredOption('--fit <file>', 'the fit of this record (fit --out DIR writes DIR/fit.json; fit --json output is read too)')
    .requiredOption('--run <dir>', 'a finished run folder (train --out) whose net predicts the windows')
    .addOption(
      new Option(
        '--windows <which>',
        "auto | all | unseen: every window, or those sharing no instant with the record's windows the run trained on (auto: unseen when it trained on some)",
      )
        .choices(['auto', 'all', 'unseen'])
        .default('auto'),
    )
    .addOption(
      new Option('--window <n>', "samples per window (default and only value: the run's sequence length)").argParser(
        intOption('--window', 2),
      ),
    )
    .addOption(
      new Option('--every <s>', "seconds between a window's samples (default: the run's, its duration over its samples − 1)").argParser(
        positiveOption('--every'),
      ),
    )
    .addOption(
      new Option('--stride <s>', "seconds from one window's start to the next (default: a window's samples × every, no overlap)").argParser(
        positiveOption('--stride'),
      ),
    )
    .option('--out <dir>', 'also write DIR/report.html: the record with the three predictions and their residuals')
    .option('--json', 'print the numbers as JSON (schema/compare.schema.json)')
    .addOption(backendOption())
    .addOption(threadsOption())
    .action(async (file: string, flags: CompareFlags) => (await import('../commands/compare')).compareCommand(file, flags));
}
