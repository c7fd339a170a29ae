import { Option } from 'commander';
import { backendNames } from '../runs/backend';
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

/** `--backend`, which every command that runs a net takes. */
export function backendOption(): Option {
  return new Option('--backend <name>', `TensorFlow.js backend: ${backendNames.join(' | ')}`)
    .argParser(choiceOption('--backend', backendNames))
    .default('wasm');
}

/** `--threads`, which every command that trains or runs a net takes (main.ts hands it to setThreads). */
export function threadsOption(): Option {
  return new Option(
    '--threads <n>',
    'threads of the GRU kernel (default: the cores free to this run; the same results on any number)',
  ).argParser(intOption('--threads', 1, 256));
}

/** `--seeds 0,1,2`: distinct seeds. */
export function seedList(raw: string): number[] {
  const parse = intOption('--seeds', 0, 0xffffffff);
  const seeds = raw.split(',').map((s) => parse(s.trim()));
  if (new Set(seeds).size !== seeds.length) throw new InputError('--seeds', `lists a seed twice: ${raw}`);
  return seeds;
}
