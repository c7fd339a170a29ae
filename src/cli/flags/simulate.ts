import type { Command } from 'commander';

/** `slidegraph simulate`: its flags and help; the command's code (src/cli/commands/simulate.ts) loads only when it runs. */
export function addSimulateCommand(p: Command): void {
  p.command('simulate')
    .description(
      'simulate one protocol (JSON file): the state law exactly under imposed velocity, or the spring-slider ("system": "spring-slider"); print the samples',
    )
    .argument(
      '<file>',
      'protocol JSON: {law?, params, duration, jumpTimes, velocities, theta0?, sampleTimes?} or {system: "spring-slider", params: {mu0, a, vRef, k, states}, v0, duration, jumpTimes, velocities, sampleTimes?}',
    )
    .action(async (file: string) => (await import('../commands/simulate')).simulateCommand(file));
}
