// The inputs of docs/reproduction.md's "Healing" numbers for one seed: θ0 = Dc/V before each hold
// in sample spacings over the test split (median and quartiles, printed), the test split as a
// dataset file and its true targets as a predictions array, for `slidegraph losses`:
//   npx tsx scripts/healingNumbers.ts --seed 0 --out runs/healing
//   npm run --silent slidegraph -- losses graphs/fig6-global.json --data runs/healing/test-0.json --predictions runs/healing/targets-0.json
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { dataConfig, generateDataset } from '../src/physics/dataset';
import type { GeneratedProtocol } from '../src/physics/generator';
import { writeDatasetFile } from '../src/runs/writeDataset';

const { values } = parseArgs({
  options: {
    seed: { type: 'string', default: '0' },
    count: { type: 'string', default: '15000' },
    out: { type: 'string', default: 'runs/healing' },
  },
});
const seed = Number(values.seed);
const ds = generateDataset(dataConfig({ count: Number(values.count), seed }));
const tests = ds.sequences.filter((s) => s.split === 'test');
const dt = ds.config.duration / (ds.config.samples - 1);
const theta0 = tests
  .map((s) => {
    const p = s.protocol as GeneratedProtocol;
    return ds.config.params.dc / p.velocities[p.hold - 1] / dt;
  })
  .sort((a, b) => a - b);
const q = (f: number) => theta0[Math.min(theta0.length - 1, Math.floor(f * theta0.length))];
mkdirSync(values.out!, { recursive: true });
await writeDatasetFile({ config: ds.config, sequences: tests }, join(values.out!, `test-${seed}.json`));
writeFileSync(join(values.out!, `targets-${seed}.json`), `${JSON.stringify(tests.map((s) => Array.from(s.Targets)))}\n`);
process.stdout.write(
  `${JSON.stringify({ seed, testSequences: tests.length, theta0SampleSpacings: { q25: q(0.25), median: q(0.5), q75: q(0.75) } })}\n`,
);
