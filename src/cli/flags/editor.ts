import { type Command, Option } from 'commander';
import { intOption } from '../options';

/** `slidegraph editor`: its flags and help; the command's code (src/cli/commands/editor.ts) loads only when it runs. */
export function addEditorCommand(p: Command): void {
  p.command('editor')
    .description('serve the editor that ships with the package on 127.0.0.1 (offline) until Ctrl-C')
    .addOption(new Option('--port <port>', 'port on 127.0.0.1 (0: any free port)').argParser(intOption('--port', 0, 65535)).default(4173))
    .option('--open', 'open it in the default browser')
    .action(async (opts) => (await import('../commands/editor')).editorCommand(opts));
}
