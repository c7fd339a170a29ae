import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { FitError, fitExperiment } from '../../fit/fit';
import { fitHeader } from '../../fit/fitFile';
import type { FitSpec } from '../../fit/model';
import { fitReportHtml } from '../../fit/report';
import type { ReadOptions } from '../../physics/lab/record';
import type { StateLaw } from '../../physics/stateLaws';
import { writeFileAtomic } from '../../runs/atomicWrite';
import { readRecord } from '../../runs/labRecord';
import { InputError } from '../../util/inputError';
import { CliExit, EXIT_DIVERGED } from '../fail';

export interface FitFlags extends ReadOptions {
  law: StateLaw;
  states: '1' | '2';
  k: string;
  trend: 'linear' | 'none';
  json?: boolean;
  out?: string;
  maxIterations: number;
}

function stiffness(raw: string): number | 'free' {
  if (raw === 'free') return 'free';
  const k = Number(raw);
  if (!(Number.isFinite(k) && k > 0))
    throw new InputError('--k', `must be a stiffness > 0 (per metre of load-point displacement) or "free", got ${JSON.stringify(raw)}`);
  return k;
}

/** `slidegraph fit RECORD`: the rate-and-state law fitted to one lab record (docs/lab.md). */
export function fitCommand(file: string, flags: FitFlags): void {
  const records = readRecord(file, { sep: flags.sep, columns: flags.columns });
  if (records.length !== 1) throw new InputError('sequence', `holds ${records.length} experiments; fit takes a record of one`, file);
  const spec: FitSpec = { law: flags.law, states: flags.states === '2' ? 2 : 1, k: stiffness(flags.k), trend: flags.trend };
  let detail: ReturnType<typeof fitExperiment>;
  try {
    detail = fitExperiment(records[0], spec, { maxIterations: flags.maxIterations });
  } catch (e) {
    if (e instanceof FitError) throw new CliExit(EXIT_DIVERGED, e.message);
    throw e;
  }
  const r = detail.result;
  if (flags.out) {
    mkdirSync(flags.out, { recursive: true });
    writeFileAtomic(join(flags.out, 'report.html'), fitReportHtml(detail, file));
    writeFileAtomic(join(flags.out, 'fit.json'), `${JSON.stringify({ ...fitHeader, ...r }, null, 2)}\n`);
  }
  if (flags.json) {
    // with its format and version, so `fit --json > FIT.json` is a file data --from-fit reads
    process.stdout.write(`${JSON.stringify({ ...fitHeader, ...r })}\n`);
    return;
  }
  const p = (x: number) => x.toPrecision(4);
  const lines = [
    `${file}: ${r.law} law, ${r.states} state${r.states === 2 ? 's' : ''}, ${r.samples} samples, ${r.steps.length} step(s)`,
    ...Object.keys(r.params).map((k) => `  ${k.padEnd(5)} ${p(r.params[k])} ± ${p(r.stderr[k])}`),
    `  rms ${p(r.rms)} (noise level ${p(r.noise)}, ratio ${(r.rms / r.noise).toFixed(2)})`,
    `  correlation a,b ${r.correlation.a_b.toFixed(3)}  a,Dc ${r.correlation.a_dc.toFixed(3)}  b,Dc ${r.correlation.b_dc.toFixed(3)}`,
    ...(flags.out ? [`  report: ${join(flags.out, 'report.html')}`] : []),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}
