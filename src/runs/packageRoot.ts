import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The folder of Slidegraph's own package.json: two levels above src/runs/ when run from source,
 * one above dist-cli/ when run as the built `slidegraph` command, so walk up rather than count.
 */
function findRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const file = join(dir, 'package.json');
    if (existsSync(file) && (JSON.parse(readFileSync(file, 'utf8')) as { name?: string }).name === 'slidegraph') return dir;
    const up = dirname(dir);
    if (up === dir) throw new Error("cannot find Slidegraph's package.json above the running script");
    dir = up;
  }
}

export const packageRoot = findRoot();

/** The installed Slidegraph version, from its package.json. */
export const packageVersion = (JSON.parse(readFileSync(join(packageRoot, 'package.json'), 'utf8')) as { version: string }).version;
