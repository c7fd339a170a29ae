import { writeFileSync } from 'node:fs';

/** Writes a sweep file (slidegraph/sweep, version 1) holding `fields`. */
export function writeSweep(file: string, fields: Record<string, unknown>): void {
  writeFileSync(file, JSON.stringify({ format: 'slidegraph/sweep', version: 1, ...fields }));
}
