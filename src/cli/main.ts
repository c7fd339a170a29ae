import { Command, CommanderError } from 'commander';
import { setThreads } from '../runs/backend';
import { packageVersion } from '../runs/packageRoot';
import { addCheckCommand } from './commands/check';
import { addCollectCommand } from './commands/collect';
import { addDataCommand } from './commands/data';
import { addEditorCommand } from './commands/editor';
import { addEvaluateCommand } from './commands/evaluate';
import { addExportOnnxCommand } from './commands/exportOnnx';
import { addFitCommand } from './commands/fit';
import { addFloorCommand } from './commands/floor';
import { addHealingCommand } from './commands/healing';
import { addImportCommand } from './commands/import';
import { addLossesCommand } from './commands/losses';
import { addPredictCommand } from './commands/predict';
import { addReproduceCommand } from './commands/reproduce';
import { addSimulateCommand } from './commands/simulate';
import { addSweepCommand } from './commands/sweep';
import { addTaskCommand } from './commands/task';
import { addTrainCommand } from './commands/train';
import { CliExit, EXIT_INPUT, report } from './fail';

/** The commands in the order `--help` lists them; each declares its own flags (src/cli/commands). */
function program(argv: readonly string[]): Command {
  const p = new Command('slidegraph')
    .description('Physics-informed training graphs for rate-and-state friction (Slide, Hold, Learn)')
    .version(packageVersion, '-V, --version', 'print the version')
    .exitOverride()
    .configureOutput({ outputError: () => {} })
    .showHelpAfterError(false)
    .hook('preAction', (_p, command) => setThreads(command.opts().threads));
  const commands = [
    addSimulateCommand,
    addDataCommand,
    addFloorCommand,
    addImportCommand,
    addFitCommand,
    addCheckCommand,
    addLossesCommand,
    addTrainCommand,
    addEvaluateCommand,
    addPredictCommand,
    addHealingCommand,
    addExportOnnxCommand,
    (q: Command) => addReproduceCommand(q, argv),
    addSweepCommand,
    addCollectCommand,
    addEditorCommand,
    addTaskCommand,
  ];
  for (const add of commands) add(p);
  return p;
}

export async function main(argv: string[]): Promise<number> {
  try {
    await program(argv).parseAsync(argv, { from: 'user' });
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
