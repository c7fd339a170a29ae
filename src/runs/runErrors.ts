/**
 * How a run ends when it does not finish. The library throws these; the CLI turns each into its
 * exit code (130 interrupted, 3 diverged). Both name the run folder, so the message alone says
 * where the saved epochs are.
 */

/** Stopped through the run's AbortSignal: metrics and the last checkpoint are saved. */
export class RunInterrupted extends Error {
  constructor(
    readonly dir: string,
    message: string,
  ) {
    super(message);
    this.name = 'RunInterrupted';
  }
}

/** The loss became NaN, Inf or diverged: metrics.json records where, the last good checkpoint is kept. */
export class RunDiverged extends Error {
  constructor(
    readonly dir: string,
    message: string,
  ) {
    super(message);
    this.name = 'RunDiverged';
  }
}
