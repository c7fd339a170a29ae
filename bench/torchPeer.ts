import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/** Debian's python3 with python3-torch: the speed peer, never a dependency of the product. */
export const PYTHON = '/usr/bin/python3';
export const torchInstalled = () => existsSync(PYTHON);

/**
 * PyTorch's GRU + Linear + MSE + Adam step (bench/torch_peer.py, one thread), median ms per step
 * for each shape, keyed `${hidden}x${batch}`. Shapes it could not measure are missing, and why is
 * logged in one line.
 */
export function torchPeerMs(
  shapes: ReadonlyArray<{ hidden: number; batch: number }>,
  time: number,
  log: (s: string) => void,
): Map<string, number> {
  const out = new Map<string, number>();
  const r = spawnSync(PYTHON, ['bench/torch_peer.py', JSON.stringify(shapes.map((s) => ({ ...s, time })))], { encoding: 'utf8' });
  const lastLine = (r.stdout ?? '').trim().split('\n').pop() ?? '';
  try {
    const parsed = JSON.parse(lastLine);
    if (Array.isArray(parsed)) for (const p of parsed) out.set(`${p.hidden}x${p.batch}`, p.msPerStep);
    else log(`torch peer: ${parsed.error}`);
  } catch {
    log(`torch peer failed: ${(r.stderr ?? '').trim().split('\n').pop()}`);
  }
  return out;
}
