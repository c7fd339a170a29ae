import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { generateDataset } from '../../physics/dataset';
import { datasetJsonChunks } from '../../physics/datasetFile';
import { datasetSummary } from '../../physics/summary';
import { InputError } from '../../util/inputError';
import { type DataFlags, dataConfigFromFlags } from '../dataFlags';
import { progressBar } from '../progress';

export interface DataOptions extends DataFlags {
  out: string;
}

export async function dataCommand(opts: DataOptions): Promise<void> {
  const config = dataConfigFromFlags(opts);
  const started = performance.now();
  const bar = progressBar(config.count, 'generating');
  const ds = generateDataset(config, (done) => bar.update(done));
  bar.stop();
  const generatedMs = performance.now() - started;
  const hash = createHash('sha256');
  const stream = createWriteStream(opts.out);
  const opened = new Promise<void>((resolve, reject) => {
    stream.once('open', () => resolve());
    stream.once('error', (e) =>
      reject(new InputError('--out', `cannot write ${opts.out} (${(e as NodeJS.ErrnoException).code ?? e.message})`)),
    );
  });
  await opened;
  for (const chunk of datasetJsonChunks(ds)) {
    hash.update(chunk);
    if (!stream.write(chunk)) await new Promise<void>((r) => stream.once('drain', () => r()));
  }
  await new Promise<void>((resolve, reject) => stream.end((e?: Error | null) => (e ? reject(e) : resolve())));
  const summary = { file: opts.out, sha256: hash.digest('hex'), ...datasetSummary(ds), generateMs: Math.round(generatedMs) };
  process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
}
