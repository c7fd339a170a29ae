// What the editor's load saves by compiling the graph schema ahead of time: ajv compiling
// schema/graph-base.schema.json at run time (what the page did while checking the shipped
// graphs) against loading the standalone validator `npm run schemas` writes. Reports; asserts
// nothing.
//   npx tsx bench/graphValidator.ts
import { cpus, loadavg } from 'node:os';
import Ajv from 'ajv';
import schema from '../schema/graph-base.schema.json' with { type: 'json' };

const AjvCtor = ((Ajv as unknown as { default?: typeof Ajv }).default ?? Ajv) as typeof Ajv;
const compileMs: number[] = [];
for (let i = 0; i < 5; i++) {
  const t = performance.now();
  new AjvCtor({ allErrors: true, verbose: true, strict: true, allowUnionTypes: true }).compile(schema);
  compileMs.push(Math.round(performance.now() - t));
}
const t = performance.now();
await import('../src/graph/graphValidator.generated.js');
const importMs = Math.round(performance.now() - t);
console.log(
  JSON.stringify(
    { cpu: `${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}`, loadAverage: loadavg()[0], compileMs, precompiledImportMs: importMs },
    null,
    2,
  ),
);
