import { RunDiverged, RunInterrupted } from '../runs/runErrors';
import { InputError } from '../util/inputError';
import { NonFiniteValue } from '../util/nonFinite';
import { oneLine } from './cleanText';

/** Exit codes: 2 for anything the user can fix (bad file, flag or value), 1 for our own faults. */
export const EXIT_INPUT = 2;
const EXIT_INTERNAL = 1;
/** a run (or a point of a sweep or a stage) stopped on a NaN or Inf loss */
export const EXIT_DIVERGED = 3;
export const EXIT_INTERRUPTED = 130;

export class CliExit extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

/**
 * One line on stderr, never a stack trace (set SLIDEGRAPH_DEBUG=1 to see one). The line is
 * escaped and capped: it may quote a hostile file's text.
 */
export function report(err: unknown): number {
  if (process.env.SLIDEGRAPH_DEBUG && err instanceof Error) process.stderr.write(`${err.stack}\n`);
  if (err instanceof CliExit) {
    if (err.message) process.stderr.write(`slidegraph: ${oneLine(err.message)}\n`);
    return err.code;
  }
  if (err instanceof RunInterrupted || err instanceof RunDiverged) {
    process.stderr.write(`slidegraph: ${oneLine(err.message)}\n`);
    return err instanceof RunInterrupted ? EXIT_INTERRUPTED : EXIT_DIVERGED;
  }
  if (err instanceof NonFiniteValue) {
    process.stderr.write(`slidegraph: ${oneLine(err.message)}\n`);
    return EXIT_DIVERGED;
  }
  if (err instanceof InputError) {
    process.stderr.write(`slidegraph: ${oneLine(err.message)}\n`);
    return EXIT_INPUT;
  }
  const msg = err instanceof Error ? err.message : String(err);
  process.stderr.write(`slidegraph: internal error: ${oneLine(msg.split('\n')[0])} (set SLIDEGRAPH_DEBUG=1 for details)\n`);
  return EXIT_INTERNAL;
}
