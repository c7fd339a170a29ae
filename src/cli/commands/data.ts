import { generateDataset } from '../../physics/dataset';
import { datasetSummary } from '../../physics/summary';
import { requireCsvFolder } from '../../runs/csvFolder';
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
}

export async function dataCommand(opts: DataOptions): Promise<void> {
  if (!opts.out && !opts.csv) throw new InputError('--out', 'is missing: give --out FILE, --csv DIR, or both');
  const config = dataConfigFromFlags(opts);
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
