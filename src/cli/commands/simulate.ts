import { validateProtocol, validateSampleTimes } from '../../physics/protocol';
import { linspace } from '../../physics/sampling';
import { simulate } from '../../physics/simulate';
import { simulateSpringSlider, validateSpringProtocol } from '../../physics/springSlider';
import { readJson } from '../../runs/files';
import { InputError } from '../../util/inputError';
import { jsonText } from '../cleanText';
import { requireFiniteResults } from '../finiteResults';

const list = (a: Float64Array) => Array.from(a);

export function simulateCommand(file: string): void {
  const raw = readJson(file);
  try {
    const obj = raw as Record<string, unknown>;
    const isSpring = typeof raw === 'object' && raw !== null && !Array.isArray(raw) && obj.system === 'spring-slider';
    let out: Record<string, unknown>;
    if (isSpring) {
      const p = validateSpringProtocol(obj);
      const t = obj.sampleTimes === undefined ? linspace(0, p.duration, 100) : validateSampleTimes(obj.sampleTimes, p.duration);
      const sim = simulateSpringSlider(p, t);
      const flat = { t: list(sim.t), V: list(sim.V), mu: list(sim.mu), theta: list(sim.thetas[0]) };
      requireFiniteResults({ ...flat, ...Object.fromEntries(sim.thetas.map((th, j) => [`thetas[${j}]`, list(th)])) }, file);
      out = { ...flat, thetas: sim.thetas.map(list) };
    } else {
      const protocol = validateProtocol(raw);
      const t =
        obj.sampleTimes === undefined ? linspace(0, protocol.duration, 100) : validateSampleTimes(obj.sampleTimes, protocol.duration);
      const sim = simulate(protocol, t);
      const flat = { t: list(sim.t), V: list(sim.V), theta: list(sim.theta), mu: list(sim.mu), dmuNorm: list(sim.dmuNorm) };
      requireFiniteResults(flat, file);
      out = flat;
    }
    process.stdout.write(`${jsonText(out)}\n`);
  } catch (e) {
    throw e instanceof InputError ? e.withSource(file) : e;
  }
}
