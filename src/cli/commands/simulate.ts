import { validateProtocol, validateSampleTimes } from '../../physics/protocol';
import { linspace } from '../../physics/sampling';
import { simulate } from '../../physics/simulate';
import { InputError } from '../../util/inputError';
import { readJson } from '../files';
import { requireFiniteResults } from '../finiteResults';

export function simulateCommand(file: string): void {
  const raw = readJson(file);
  try {
    const protocol = validateProtocol(raw);
    const given = (raw as Record<string, unknown>).sampleTimes;
    const t = given === undefined ? linspace(0, protocol.duration, 100) : validateSampleTimes(given, protocol.duration);
    const sim = simulate(protocol, t);
    const out = Object.fromEntries(Object.entries(sim).map(([k, v]) => [k, Array.from(v as Float64Array)]));
    requireFiniteResults(out, file);
    process.stdout.write(`${JSON.stringify(out)}\n`);
  } catch (e) {
    throw e instanceof InputError ? e.withSource(file) : e;
  }
}
