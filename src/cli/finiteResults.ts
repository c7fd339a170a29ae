import { InputError } from '../util/inputError';

/**
 * JSON has no NaN or Infinity: JSON.stringify would print them as null with exit 0, a result
 * that looks like an answer. An input that overflows is refused instead, naming the first value.
 */
export function requireFiniteResults(results: Record<string, number | readonly number[]>, source: string): void {
  for (const [name, v] of Object.entries(results)) {
    const list = typeof v === 'number' ? [v] : v;
    const k = list.findIndex((x) => !Number.isFinite(x));
    if (k >= 0) {
      const where = typeof v === 'number' ? name : `${name}[${k}]`;
      throw new InputError('result', `${where} is ${list[k]}: the input overflows what double precision can represent`, source);
    }
  }
}
