import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, rmdirSync } from 'node:fs';
import { cliArgs } from './cli';

export interface Ran {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** The real CLI in a child process, with fault points armed through SLIDEGRAPH_FAULT. */
export function cliWith(env: Record<string, string>, ...args: string[]): Ran {
  const r = spawnSync(process.execPath, cliArgs(...args), {
    encoding: 'utf8',
    env: { ...process.env, ...env },
    timeout: 300_000,
  });
  return { code: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr };
}

/** The CLI started in the background; `exited` resolves with its code and signal. */
export function cliStart(...args: string[]) {
  return cliStartWith({}, ...args);
}

/** The same, with fault points armed. */
export function cliStartWith(env: Record<string, string>, ...args: string[]) {
  const child = spawn(process.execPath, cliArgs(...args), { env: { ...process.env, ...env } });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal, stderr })),
  );
  return { child, exited };
}

/** Mounts a small tmpfs (root only); false where this sandbox does not allow it. */
export function mountTmpfs(dir: string, options: string): boolean {
  mkdirSync(dir, { recursive: true });
  return spawnSync('mount', ['-t', 'tmpfs', '-o', options, 'tmpfs', dir]).status === 0;
}

export function unmount(dir: string): void {
  spawnSync('umount', [dir]);
  rmdirSync(dir);
}

/** Exactly one line on stderr, and no stack trace. */
export function oneLine(stderr: string): boolean {
  return /^slidegraph: [^\n]+\n$/.test(stderr) && !/\bat .+:\d+:\d+/.test(stderr);
}
