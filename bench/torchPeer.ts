import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/** Debian's python3 with python3-torch: the speed peer, never a dependency of the product. */
export const PYTHON = '/usr/bin/python3';
export const torchInstalled = () => existsSync(PYTHON);

export interface TorchTiming {
  /** median ms per step of the faster of the two thread settings */
  ms: number;
  /** the thread count that gave it */
  threads: number;
  /** median ms per step at one thread and at every core */
  single: number;
  all: number;
}

/**
 * PyTorch's GRU + Linear + MSE + Adam step (bench/torch_peer.py), timed at one thread and at every
 * core, for each shape keyed `${hidden}x${batch}`. The fair peer is the faster of the two: small
 * shapes lose to thread overhead, large ones gain from the cores. Shapes it could not measure are
 * missing, and why is logged in one line.
 */
export function torchPeerMs(
  shapes: ReadonlyArray<{ hidden: number; batch: number }>,
  time: number,
  cores: number,
  log: (s: string) => void,
): Map<string, TorchTiming> {
  const at = (threads: number) => {
    const out = new Map<string, number>();
    const r = spawnSync(PYTHON, ['bench/torch_peer.py', JSON.stringify(shapes.map((s) => ({ ...s, time }))), String(threads)], {
      encoding: 'utf8',
    });
    const lastLine = (r.stdout ?? '').trim().split('\n').pop() ?? '';
    try {
      const parsed = JSON.parse(lastLine);
      if (Array.isArray(parsed)) for (const p of parsed) out.set(`${p.hidden}x${p.batch}`, p.msPerStep);
      else log(`torch peer: ${parsed.error}`);
    } catch {
      log(`torch peer failed: ${(r.stderr ?? '').trim().split('\n').pop()}`);
    }
    return out;
  };
  const single = at(1);
  const all = cores > 1 ? at(cores) : single;
  const out = new Map<string, TorchTiming>();
  for (const [key, one] of single) {
    const many = all.get(key) ?? one;
    out.set(key, { ms: Math.min(one, many), threads: many < one ? cores : 1, single: one, all: many });
  }
  return out;
}
