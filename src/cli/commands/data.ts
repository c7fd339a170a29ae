import type { Command } from 'commander';
import { parseFitFile } from '../../fit/fitFile';
import { fromFitConfig } from '../../fit/fromFit';
import { type DataConfig, generateDataset } from '../../physics/dataset';
import { datasetSummary } from '../../physics/summary';
import { requireCsvFolder } from '../../runs/csvFolder';
import { readJson } from '../../runs/files';
import { requireDatasetFits, requireWritableTarget } from '../../runs/preflight';
import { writeCsvDir, writeDatasetFile } from '../../runs/writeDataset';
import { InputError } from '../../util/inputError';
import { jsonText } from '../cleanText';
import { dataConfigFromFlags } from '../dataConfigFlags';
import type { DataFlags } from '../dataFlags';
import { progressBar } from '../progress';

interface DataOptions extends DataFlags {
  out?: string;
  csv?: string;
  fromFit?: string;
  velocities?: [number, number];
}

/** The data flags whose value a fit decides: given with --from-fit, they are refused rather than ignored. */
const fitted: readonly (keyof DataFlags)[] = [
  'rule',
  'law',
  'system',
  'timing',
  'hold',
  'protocol',
  'mu0',
  'a',
  'b',
  'vref',
  'dc',
  'totalSlip',
  'holdVelocity',
  'samples',
  'k',
];

const flagName = (key: string) => `--${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;

/** `--from-fit FIT.json`: the fit's machine and record, with the flags the fit leaves open. */
function configFromFit(file: string, opts: DataOptions, cmd: Command): DataConfig {
  const given = fitted.find((key) => cmd.getOptionValueSource(key) === 'cli');
  if (given) throw new InputError(flagName(given), `is set by the fit in ${file}; leave it out with --from-fit`);
  const fit = parseFitFile(readJson(file), file);
  return fromFitConfig(fit, opts, file);
}

export async function dataCommand(opts: DataOptions, cmd: Command): Promise<void> {
  if (!opts.out && !opts.csv) throw new InputError('--out', 'is missing: give --out FILE, --csv DIR, or both');
  if (opts.velocities && opts.fromFit === undefined)
    throw new InputError('--velocities', 'draws the velocities of --from-fit records; give --from-fit FIT.json too');
  const config = opts.fromFit !== undefined ? configFromFit(opts.fromFit, opts, cmd) : dataConfigFromFlags(opts);
  requireDatasetFits(config.count, config.samples, config.maxJumps, '--count');
  if (opts.out) requireWritableTarget(opts.out, '--out');
  if (opts.csv) requireCsvFolder(opts.csv, config);
  const started = performance.now();
  const bar = progressBar(config.count, 'generating');
  const ds = generateDataset(config, (done) => bar.update(done));
  bar.stop();
  const generatedMs = performance.now() - started;
  const written = opts.out ? { file: opts.out, sha256: await writeDatasetFile(ds, opts.out) } : {};
  if (opts.csv) writeCsvDir(ds, opts.csv);
  const summary = { ...written, ...(opts.csv ? { csv: opts.csv } : {}), ...datasetSummary(ds), generateMs: Math.round(generatedMs) };
  process.stdout.write(`${jsonText(summary, 2)}\n`);
}
