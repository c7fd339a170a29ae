/** Small dense symmetric systems (a handful of parameters), row-major number[][]. */

/** Cholesky factor L of a symmetric positive definite A (A = L Lᵀ), or null when A is not. */
export function cholesky(A: readonly number[][]): number[][] | null {
  const n = A.length;
  const L = A.map(() => new Array<number>(n).fill(0));
  for (let i = 0; i < n; i++)
    for (let j = 0; j <= i; j++) {
      let s = A[i][j];
      for (let k = 0; k < j; k++) s -= L[i][k] * L[j][k];
      if (i === j) {
        if (!(s > 0)) return null;
        L[i][i] = Math.sqrt(s);
      } else L[i][j] = s / L[j][j];
    }
  return L;
}

/** x with L Lᵀ x = b. */
export function cholSolve(L: readonly number[][], b: readonly number[]): number[] {
  const n = b.length;
  const y = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    let s = b[i];
    for (let k = 0; k < i; k++) s -= L[i][k] * y[k];
    y[i] = s / L[i][i];
  }
  const x = new Array<number>(n);
  for (let i = n - 1; i >= 0; i--) {
    let s = y[i];
    for (let k = i + 1; k < n; k++) s -= L[k][i] * x[k];
    x[i] = s / L[i][i];
  }
  return x;
}

/** A⁻¹ from its Cholesky factor, column by column. */
export function cholInverse(L: readonly number[][]): number[][] {
  const n = L.length;
  const cols = Array.from({ length: n }, (_, j) =>
    cholSolve(
      L,
      Array.from({ length: n }, (_, i) => (i === j ? 1 : 0)),
    ),
  );
  return cols.map((_, i) => cols.map((c) => c[i]));
}
