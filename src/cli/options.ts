import { InputError } from '../util/inputError';

/** Flag parsers that name the flag in their refusal. */
export function intOption(flag: string, min: number, max = Number.MAX_SAFE_INTEGER) {
  return (raw: string): number => {
    const v = Number(raw);
    if (!/^[+-]?\d+$/.test(raw.trim()) || !Number.isSafeInteger(v) || v < min || v > max) {
      throw new InputError(flag, `must be an integer in [${min}, ${max}], got ${JSON.stringify(raw)}`);
    }
    return v;
  };
}

export function positiveOption(flag: string) {
  return (raw: string): number => {
    const v = Number(raw);
    if (raw.trim() === '' || !Number.isFinite(v) || v <= 0) throw new InputError(flag, `must be a number > 0, got ${JSON.stringify(raw)}`);
    return v;
  };
}

export function choiceOption<T extends string>(flag: string, choices: readonly T[]) {
  return (raw: string): T => {
    if (!(choices as readonly string[]).includes(raw))
      throw new InputError(flag, `must be one of ${choices.join(', ')}, got ${JSON.stringify(raw)}`);
    return raw as T;
  };
}
