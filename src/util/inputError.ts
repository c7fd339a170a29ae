/**
 * An error in what the user gave us (a file, a flag, a parameter). It names the field so the
 * message alone tells the user what to fix; the CLI prints it as one line with exit code 2.
 */
export class InputError extends Error {
  constructor(
    readonly field: string,
    readonly reason: string,
    readonly source?: string,
  ) {
    super(`${source ? `${source}: ` : ''}${field}: ${reason}`);
    this.name = 'InputError';
  }

  withSource(source: string): InputError {
    return new InputError(this.field, this.reason, source);
  }
}

export function requireFiniteNumber(value: unknown, field: string): number {
  if (typeof value !== 'number') throw new InputError(field, `must be a number, got ${describe(value)}`);
  if (!Number.isFinite(value)) throw new InputError(field, `must be finite, got ${value}`);
  return value;
}

export function requirePositive(value: unknown, field: string): number {
  const v = requireFiniteNumber(value, field);
  if (v <= 0) throw new InputError(field, `must be > 0, got ${v}`);
  return v;
}

/** An integer of at least `min` (and at most `max`, when given), named in the refusal. */
export function requireInteger(value: number, field: string, min: number, max?: number): number {
  if (!Number.isInteger(value) || value < min || (max !== undefined && value > max)) {
    throw new InputError(field, `must be an integer ${max === undefined ? `>= ${min}` : `in [${min}, ${max}]`}, got ${value}`);
  }
  return value;
}

export function requireChoice<T extends string>(value: unknown, field: string, choices: readonly T[]): T {
  if (typeof value !== 'string' || !(choices as readonly string[]).includes(value))
    throw new InputError(field, `must be one of ${choices.join(', ')}, got ${describe(value)}`);
  return value as T;
}

export function requireArray(value: unknown, field: string): unknown[] {
  if (!Array.isArray(value)) throw new InputError(field, `must be an array, got ${describe(value)}`);
  return value;
}

export function describe(value: unknown): string {
  if (value === undefined) return 'nothing (missing)';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  return typeof value === 'object' ? 'an object' : String(value);
}
