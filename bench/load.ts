import { availableParallelism, cpus, loadavg } from 'node:os';

/**
 * Whether the machine is idle enough for a ratio between two peers to mean anything. Under load
 * the peers do not slow alike (PyTorch's step went from 11 ms idle to 41–71 ms on a busy machine,
 * Slidegraph's far less), so a ratio measured busy is not a result. Idle: the one-minute load
 * average at most 0.5 per core, before the bench starts and, at its end, once the bench's own
 * threads are allowed for.
 */
export interface MachineLoad {
  cores: number;
  cpu: string;
  /** one-minute load average when the bench started and when it ended */
  start: number;
  end?: number;
  idle: boolean;
}

const PER_CORE = 0.5;

export function loadAtStart(): MachineLoad {
  const cores = availableParallelism();
  const start = loadavg()[0];
  return { cores, cpu: cpus()[0]?.model ?? '?', start, idle: start <= PER_CORE * cores };
}

/** The load at the end, less `ownThreads` that the bench itself kept busy in its last minute. */
export function loadAtEnd(l: MachineLoad, ownThreads: number): MachineLoad {
  const end = loadavg()[0];
  return { ...l, end, idle: l.idle && end - ownThreads <= PER_CORE * l.cores };
}

export function loadLine(l: MachineLoad): string {
  const at = `load average ${l.start.toFixed(2)}${l.end === undefined ? '' : ` → ${l.end.toFixed(2)}`} on ${l.cores} cores`;
  return l.idle
    ? `${at}: idle (≤ ${PER_CORE} per core)`
    : `${at}: LOADED (> ${PER_CORE} per core); timings are printed but no ratio is a result`;
}
