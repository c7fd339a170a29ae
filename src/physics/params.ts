import { InputError, requireFiniteNumber, requirePositive } from '../util/inputError';

/** Rate-and-state parameters of eq. (3); the paper's values are the defaults (II.B). */
export interface RsfParams {
  mu0: number;
  a: number;
  b: number;
  /** reference velocity, m/s */
  vRef: number;
  /** critical slip distance, m */
  dc: number;
}

export const paperParams: Readonly<RsfParams> = Object.freeze({ mu0: 0.5, a: 0.005, b: 0.015, vRef: 1e-4, dc: 2e-4 });

/** Characteristic values used to normalize features and targets (II.B). */
export const characteristic = Object.freeze({ vCh: 0.3, dmuCh: 0.01 });

const keys = ['mu0', 'a', 'b', 'vRef', 'dc'] as const;

/**
 * a and b may be zero or negative (velocity-weakening studies need b > a, some need a < 0),
 * but vRef and dc enter logarithms and divisions, so they must be positive.
 */
export function validateRsfParams(raw: unknown, field = 'params'): RsfParams {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new InputError(field, 'must be an object with mu0, a, b, vRef, dc');
  }
  const obj = raw as Record<string, unknown>;
  for (const k of Object.keys(obj)) {
    if (!(keys as readonly string[]).includes(k))
      throw new InputError(`${field}.${k}`, `unknown parameter (expected one of ${keys.join(', ')})`);
  }
  return {
    mu0: requireFiniteNumber(obj.mu0, `${field}.mu0`),
    a: requireFiniteNumber(obj.a, `${field}.a`),
    b: requireFiniteNumber(obj.b, `${field}.b`),
    vRef: requirePositive(obj.vRef, `${field}.vRef`),
    dc: requirePositive(obj.dc, `${field}.dc`),
  };
}
