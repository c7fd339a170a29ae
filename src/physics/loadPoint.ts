/**
 * The load point's displacement at each instant of `t` (increasing, from 0) under a right-continuous
 * step protocol: velocities[0] until jumpTimes[0], velocities[j] from jumpTimes[j − 1] on. The
 * integral of that step function, interval by interval.
 */
export function loadPointDisplacementAt(t: Float64Array, jumpTimes: readonly number[], velocities: readonly number[]): Float64Array {
  const x = new Float64Array(t.length);
  let j = 0;
  let at = 0;
  let xAt = 0;
  for (let i = 0; i < t.length; i++) {
    while (j < jumpTimes.length && jumpTimes[j] <= t[i]) {
      xAt += velocities[j] * (jumpTimes[j] - at);
      at = jumpTimes[j];
      j++;
    }
    x[i] = xAt + velocities[j] * (t[i] - at);
  }
  return x;
}
