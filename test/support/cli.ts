import { spawnSync } from 'node:child_process';

/** Node's arguments that run the CLI from source with `args`. */
export const cliArgs = (...args: string[]) => ['--import', 'tsx', 'src/cli/main.ts', ...args];

/** Runs the real CLI in a child process, as a user would. */
export function cli(...args: string[]) {
  const r = spawnSync(process.execPath, cliArgs(...args), { encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** `train`'s flags for a small run: 40 sequences, `epochs` epochs in batches of 16. */
export const smallRun = (epochs = 2) => ['--count', '40', '--epochs', String(epochs), '--batch', '16'];
