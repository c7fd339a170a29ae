import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir, totalmem } from 'node:os';

import { join } from 'node:path';
import { test } from 'node:test';
import { MAX_INPUT_FILE_BYTES } from '../../src/graph/limits';
import { dataConfig, generateDataset } from '../../src/physics/dataset';
import { readText } from '../../src/runs/files';
import { writeDatasetFile } from '../../src/runs/writeDataset';
import { cli } from '../support/cli';

/**
 * Issue 25: `data` wrote a 401 MB dataset that every reader refused (limit 256 MiB). The writer
 * and the readers now share one limit; a file over it is never written. The limit is passed in
 * small here, as a 256 MiB dataset takes minutes to generate.
 */
test("a dataset file over the readers' limit is not written, and the old file is kept", async () => {
  const at = mkdtempSync(join(tmpdir(), 'sg-limit-'));
  const ds = generateDataset(dataConfig({ count: 20, seed: 1 }));
  const out = join(at, 'data.json');
  const fits = await writeDatasetFile(ds, out);
  const size = statSync(out).size;
  assert.match(fits, /^[0-9a-f]{64}$/);
  await assert.rejects(writeDatasetFile(ds, out, size - 1), (e: Error) => {
    assert.equal(
      e.message,
      `${out}: --out: the dataset file would be over ${size - 1} bytes, the most a dataset file may have to be read back (train --data, evaluate, predict, losses); use a smaller --count`,
    );
    return true;
  });
  assert.equal(statSync(out).size, size);
  assert.deepEqual(readdirSync(at), ['data.json']);
  // exactly at the limit it is written, and a reader with that limit reads it
  assert.equal(await writeDatasetFile(ds, join(at, 'exact.json'), size), fits);
  assert.ok(size <= MAX_INPUT_FILE_BYTES && existsSync(join(at, 'exact.json')));
  // what was written at the readers' own limit reads back
  assert.doesNotThrow(() => readText(join(at, 'exact.json')));
});

test('import refuses before resampling when its experiments at --samples cannot fit in memory (issue 25)', (t) => {
  if (totalmem() * 0.75 > 5000 * 100_000 * 48) return t.skip('this machine has the memory for 5,000 experiments of 100,000 samples');
  const at = mkdtempSync(join(tmpdir(), 'sg-limit-'));
  let csv = 'sequence,t,V,mu\n';
  for (let i = 0; i < 5000; i++) csv += `e${i},0,1e-6,0.6\ne${i},1,1e-6,0.6\ne${i},2,1e-5,0.61\n`;
  writeFileSync(join(at, 'many.csv'), csv);
  const r = cli('import', join(at, 'many.csv'), '--samples', '100000', '--out', join(at, 'many.json'));
  assert.equal(r.code, 2, r.stderr);
  assert.match(r.stderr, /^slidegraph: --samples: 5000 sequences need about \d+\.\d GB of memory, this machine allows/);
  assert.ok(!existsSync(join(at, 'many.json')));
});
