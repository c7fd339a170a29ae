// The JSON Schemas that derive from code: schema/graph.schema.json (every block type and its
// parameters, from the block registry) and schema/dataset.schema.json (every field, from the field
// table). `npm run schemas` rewrites them; test/schema/published.test.ts fails while they are stale.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Ajv from 'ajv';
import standaloneCode from 'ajv/dist/standalone/index.js';
import type { BlockDef, ParamDef } from '../nodes/block';
import { registry } from '../nodes/index';
import baseGraph from '../schema/graph-base.schema.json' with { type: 'json' };
import { DATASET_FIELDS } from '../src/physics/fieldTable';

type Json = Record<string, unknown>;

// ajv is CommonJS: the default import is the class, or the module with the class under `.default`.
const AjvCtor = ((Ajv as unknown as { default?: typeof Ajv }).default ?? Ajv) as typeof Ajv;
const standalone = ((standaloneCode as unknown as { default?: typeof standaloneCode }).default ?? standaloneCode) as typeof standaloneCode;

function paramSchema(p: ParamDef): Json {
  const base = { description: p.description || p.name, default: p.default };
  switch (p.type) {
    case 'int':
      return { ...base, type: 'integer', minimum: p.min, maximum: p.max };
    case 'number':
      return {
        ...base,
        type: 'number',
        ...(p.min !== undefined ? { minimum: p.min } : {}),
        ...(p.max !== undefined ? { maximum: p.max } : {}),
      };
    case 'string':
      return { ...base, type: 'string', ...(p.pattern ? { pattern: p.pattern } : {}) };
    case 'enum':
      return { ...base, enum: [...p.choices] };
  }
}

function blockSchema(b: BlockDef): Json {
  return {
    title: b.type,
    description: b.description,
    type: 'object',
    properties: {
      type: { const: b.type },
      params: {
        type: 'object',
        additionalProperties: false,
        properties: Object.fromEntries(b.params.map((p) => [p.name, paramSchema(p)])),
      },
    },
  };
}

/** The published graph schema: the document schema the loader checks, plus each block type's parameters. */
export function graphSchema(): Json {
  const schema = structuredClone(baseGraph) as Json & { definitions: Record<string, Json> };
  schema.$id = 'https://slidegraph.dev/schema/graph.schema.json';
  schema.description =
    `${String(schema.description).replace(/ Block types and their parameters are checked by Slidegraph's block registry, not by this schema\.$/, '')}` +
    ' Each block type and its parameters are described here (generated from the block registry by `npm run schemas`).';
  const types = [...registry.values()];
  schema.definitions.node = { ...schema.definitions.node, anyOf: types.map((b) => ({ $ref: `#/definitions/block-${b.type}` })) };
  for (const b of types) schema.definitions[`block-${b.type}`] = blockSchema(b);
  return schema;
}

/** The dataset file (`data --out`): the config and, per sequence, its protocol, split and every field of the table. */
export function datasetSchema(): Json {
  const field = (f: (typeof DATASET_FIELDS)[number]): Json => {
    const width = { T: 'config.samples', 'T-1': 'config.samples - 1', J: 'config.maxJumps', 'J-1': 'config.maxJumps - 1', scalar: '' }[
      f.width
    ];
    const item = f.dtype === 'int' ? { type: 'integer', minimum: 0 } : { type: 'number' };
    return f.width === 'scalar'
      ? { ...item, description: f.description }
      : { type: 'array', items: item, description: `${f.description} (${width} values)` };
  };
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: 'https://slidegraph.dev/schema/dataset.schema.json',
    title: 'Slidegraph dataset (written by `slidegraph data --out`)',
    description:
      "The paper's synthetic dataset: the configuration that generated it and, per sequence, its protocol, its split and every field of the loss graphs (0-based indices).",
    type: 'object',
    required: ['format', 'version', 'config', 'sequences'],
    additionalProperties: false,
    properties: {
      format: { const: 'slidegraph/dataset', description: 'always "slidegraph/dataset"' },
      version: { const: 2, description: 'file format version (version 1 files, without MeanV, LogVRatio and JumpPairs, still load)' },
      config: { type: 'object', description: 'the data configuration (count, seed, rule, testFraction, samples, maxJumps, params, ...)' },
      sequences: {
        type: 'array',
        description: 'one entry per sequence',
        items: {
          type: 'object',
          required: ['protocol', 'split', ...DATASET_FIELDS.map((f) => f.name)],
          additionalProperties: false,
          properties: {
            protocol: { type: 'object', description: 'the velocity protocol (jump times, velocities, the hold interval)' },
            split: { enum: ['train', 'test'], description: 'which split the sequence belongs to' },
            ...Object.fromEntries(DATASET_FIELDS.map((f) => [f.name, field(f)])),
            extra: {
              type: 'object',
              description:
                'measured channels kept by `import --extra`, in SI, config.samples values each, one per name in config.extra (absent otherwise)',
              propertyNames: { pattern: '^[A-Za-z][A-Za-z0-9_]{0,63}$' },
              additionalProperties: { type: 'array', items: { type: 'number' } },
            },
          },
        },
      },
    },
  };
}

export const generated: Record<string, () => Json> = {
  'schema/graph.schema.json': graphSchema,
  'schema/dataset.schema.json': datasetSchema,
};

export const schemaText = (value: Json) => `${JSON.stringify(value, null, 2)}\n`;

/**
 * The graph loader's validator compiled ahead of time (ajv's standalone code, with the loader's
 * options): compiling the schema was the longest task of the editor's load. ajv's one runtime
 * helper it needs, the length of a string in code points, is written in, so the file imports
 * nothing.
 */
export function graphValidatorCode(): string {
  const ajv = new AjvCtor({ allErrors: true, verbose: true, strict: true, allowUnionTypes: true, code: { source: true, esm: true } });
  const code = standalone(ajv, ajv.compile(baseGraph));
  const helper = 'require("ajv/dist/runtime/ucs2length").default';
  if (code.includes('require(') && !code.replaceAll(helper, '').includes('require(')) {
    return `// Generated by \`npm run schemas\` from schema/graph-base.schema.json: do not edit.\n${code.replaceAll(helper, '((s) => [...s].length)')}\n`;
  }
  if (code.includes('require(')) throw new Error('the standalone graph validator needs an ajv runtime helper besides ucs2length');
  return `// Generated by \`npm run schemas\` from schema/graph-base.schema.json: do not edit.\n${code}\n`;
}

export const generatedCode: Record<string, () => string> = {
  'src/graph/graphValidator.generated.js': graphValidatorCode,
};

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const [file, make] of Object.entries(generated)) writeFileSync(file, schemaText(make()));
  for (const [file, make] of Object.entries(generatedCode)) writeFileSync(file, make());
}
