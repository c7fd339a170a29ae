import { type Command, Option } from 'commander';
import { lmDefaults } from '../../fit/levenberg';
import { stateLaws } from '../../physics/stateLaws';
import type { FitFlags } from '../commands/fit';
import { choiceOption, intOption } from '../options';
import { addRecordFlags } from '../recordFlags';

/** `slidegraph fit`: its flags and help; the command's code (src/cli/commands/fit.ts) loads only when it runs. */
export function addFitCommand(p: Command): void {
  addRecordFlags(
    p
      .command('fit')
      .description('fit the rate-and-state law (spring-slider, Levenberg–Marquardt from several starts) to one lab record; docs/lab.md')
      .argument('<record>', 'delimited lab record (as import reads it)'),
  )
    .addOption(
      new Option('--law <law>', `state law: ${stateLaws.join(' | ')}`).argParser(choiceOption('--law', stateLaws)).default('aging'),
    )
    .addOption(new Option('--states <n>', 'state variables: 1 | 2').argParser(choiceOption('--states', ['1', '2'] as const)).default('1'))
    .addOption(new Option('--k <k>', 'spring stiffness per metre of load-point displacement, or free to fit it').default('free'))
    .addOption(
      new Option('--trend <t>', 'linear slip trend: linear | none')
        .argParser(choiceOption('--trend', ['linear', 'none'] as const))
        .default('linear'),
    )
    .addOption(
      new Option('--max-iterations <n>', 'most Levenberg–Marquardt iterations before the fit is declared not converged (exit 3)')
        .argParser(intOption('--max-iterations', 1))
        .default(lmDefaults.maxIterations),
    )
    .option('--json', 'print the result as JSON (schema/fit.schema.json)')
    .option('--out <dir>', 'also write DIR/report.html and DIR/fit.json')
    .action(async (file: string, flags: FitFlags) => (await import('../commands/fit')).fitCommand(file, flags));
}
