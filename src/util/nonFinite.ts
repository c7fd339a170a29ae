/**
 * A number that is not finite where a result is made (a weight that overflows 32-bit floats, a
 * prediction or a metric that came out NaN or Infinity). JSON would write it as null with exit 0,
 * an answer that looks like one; the CLI refuses it with exit 3 (a failure, like divergence),
 * naming the tensor and the element, and writes nothing.
 */
export class NonFiniteValue extends Error {
  constructor(
    readonly what: string,
    readonly value: number,
    readonly source?: string,
  ) {
    super(`${source ? `${source}: ` : ''}${what} is ${value}: not a finite number, so nothing was written`);
    this.name = 'NonFiniteValue';
  }

  withSource(source: string): NonFiniteValue {
    return new NonFiniteValue(this.what, this.value, source);
  }
}

/** Refuses the first element of `values` that is not finite, as `what[index]` (or `what` for one value). */
export function requireFiniteValues(values: ArrayLike<number>, what: string, source?: string, as?: (index: number) => string): void {
  for (let i = 0; i < values.length; i++)
    if (!Number.isFinite(values[i])) throw new NonFiniteValue(as ? as(i) : `${what}[${i}]`, values[i], source);
}
