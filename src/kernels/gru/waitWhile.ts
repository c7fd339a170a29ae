/**
 * Blocks while `flag[0]` still holds `value`, for at most `ms`; false when the time ran out.
 *
 * A lane raises its flag and then notifies, so a notify can arrive late: after the waiting thread
 * has already seen the raised flag, read the answer and lowered the flag for the next job. A
 * single Atomics.wait would take that stale notify as the next answer, so the flag is checked
 * again after every wake.
 */
export function waitWhile(flag: Int32Array, value: number, ms: number): boolean {
  const deadline = performance.now() + ms;
  while (Atomics.load(flag, 0) === value) {
    const left = deadline - performance.now();
    if (left <= 0) return false;
    Atomics.wait(flag, 0, value, left);
  }
  return true;
}
