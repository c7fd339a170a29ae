import { Command, CommanderError } from 'commander';
import { setThreads } from '../runs/backend';
import { packageVersion } from '../runs/packageRoot';
import { CliExit, EXIT_INPUT, report } from './fail';
import { addCheckCommand } from './flags/check';
import { addCollectCommand } from './flags/collect';
import { addCompareCommand } from './flags/compare';
import { addDataCommand } from './flags/data';
import { addEditorCommand } from './flags/editor';
import { addEvaluateCommand } from './flags/evaluate';
import { addExportOnnxCommand } from './flags/exportOnnx';
import { addFitCommand } from './flags/fit';
import { addFloorCommand } from './flags/floor';
import { addHealingCommand } from './flags/healing';
import { addImportCommand } from './flags/import';
import { addLossesCommand } from './flags/losses';
import { addPredictCommand } from './flags/predict';
import { addReproduceCommand } from './flags/reproduce';
import { addSimulateCommand } from './flags/simulate';
import { addSweepCommand } from './flags/sweep';
import { addTaskCommand } from './flags/task';
import { addTrainCommand } from './flags/train';

/**
 * The commands in the order `--help` lists them. Each declares its flags in src/cli/flags and
 * imports its code (src/cli/commands) only when it runs, so `--help` loads none of it.
 */
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
    addCompareCommand,
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
