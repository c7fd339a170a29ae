import { Command, CommanderError, Option } from 'commander';
import { velocityRules } from '../physics/generator';
import { checkCommand } from './commands/check';
import { dataCommand } from './commands/data';
import { lossesCommand } from './commands/losses';
import { backendNames } from './backend';
import { simulateCommand } from './commands/simulate';
import { CliExit, EXIT_INPUT, report } from './fail';
import { choiceOption, intOption, positiveOption } from './options';

function backendOption(): Option {
  return new Option('--backend <name>', `TensorFlow.js backend: ${backendNames.join(' | ')}`).argParser(choiceOption('--backend', backendNames)).default('wasm');
}

function program(): Command {
  const p = new Command('slidegraph')
    .description('Physics-informed training graphs for rate-and-state friction (Slide, Hold, Learn)')
    .exitOverride()
    .configureOutput({ outputError: () => {} })
    .showHelpAfterError(false);

  p.command('simulate')
    .description('integrate the aging law exactly for one velocity protocol (JSON file) and print t, V, theta, mu, dmuNorm')
    .argument('<file>', 'protocol JSON: {params, duration, jumpTimes, velocities, theta0?, sampleTimes?}')
    .action((file: string) => simulateCommand(file));

  p.command('data')
    .description("generate the paper's synthetic dataset and print its summary")
    .requiredOption('--out <file>', 'dataset JSON to write')
    .addOption(new Option('--count <n>', 'number of sequences').argParser(intOption('--count', 1, 10_000_000)).default(15000))
    .addOption(new Option('--seed <s>', 'seed for protocols and split').argParser(intOption('--seed', 0, 0xffffffff)).default(0))
    .addOption(new Option('--rule <rule>', `velocity rule: ${velocityRules.join(' | ')}`).argParser(choiceOption('--rule', velocityRules)).default('equal-slip'))
    .addOption(new Option('--test-fraction <f>', 'share of sequences held out for testing').argParser(positiveOption('--test-fraction')))
    .action((opts) => dataCommand(opts));

  p.command('check')
    .description('validate and compile graph files; print blocks, output shapes, loss terms and the trainable parameter count')
    .argument('<graph...>', 'graph JSON files')
    .option('--json', 'print the report as JSON')
    .action((files: string[], opts) => checkCommand(files, opts));

  p.command('losses')
    .description("score given predictions with a graph's loss terms (they replace the main net's output)")
    .argument('<graph>', 'graph JSON file')
    .requiredOption('--data <file>', 'dataset JSON written by `data`')
    .requiredOption('--predictions <file>', 'JSON array with one array of normalized predictions per sequence')
    .addOption(backendOption())
    .action((graph: string, opts) => lossesCommand(graph, opts));
  return p;
}

export async function main(argv: string[]): Promise<number> {
  try {
    await program().parseAsync(argv, { from: 'user' });
    return 0;
  } catch (e) {
    if (e instanceof CommanderError) {
      // help and version are "errors" to commander; usage mistakes are the user's to fix
      if (e.exitCode === 0) return 0;
      const original = (e as CommanderError & { nestedError?: unknown }).nestedError;
      if (original) return report(original);
      return report(new CliExit(EXIT_INPUT, e.message.replace(/^error: /, '')));
    }
    return report(e);
  }
}

const code = await main(process.argv.slice(2));
process.exitCode = code;
