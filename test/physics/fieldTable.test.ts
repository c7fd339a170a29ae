import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as tf from '@tensorflow/tfjs-core';
import { fieldTypes } from '../../nodes/fields';
import { blockDef } from '../../nodes/index';
import { dataConfig, generateDataset } from '../../src/physics/dataset';
import { datasetJsonChunks, parseDataset } from '../../src/physics/datasetFile';
import { DATASET_FIELDS, fieldWidth } from '../../src/physics/fieldTable';
import { batchOf, pack } from '../../src/train/pack';

const config = dataConfig({ count: 12, seed: 3 });
const ds = generateDataset(config);
const T = config.samples;
const J = config.maxJumps;

test('physics computes exactly the fields of the table, each of its width and dtype', () => {
  for (const s of ds.sequences) {
    const { protocol, split, ...fields } = s;
    assert.deepEqual(Object.keys(fields).sort(), DATASET_FIELDS.map((f) => f.name).sort());
    for (const f of DATASET_FIELDS) {
      const v = s[f.name];
      if (f.width === 'scalar') assert.equal(typeof v, 'number', f.name);
      else {
        assert.ok(v instanceof (f.dtype === 'int' ? Int32Array : Float64Array), `${f.name} is ${v.constructor.name}`);
        assert.equal(v.length, fieldWidth(f, T, J), f.name);
      }
    }
  }
});

test('packing and batching give every field back, row by row, with the wire type the data port declares', () => {
  const packed = pack(ds.sequences, T, J);
  const rows = [5, 0, 11];
  const names = DATASET_FIELDS.map((f) => f.name);
  const batch = batchOf(packed, rows, names);
  const types = fieldTypes(config);
  for (const f of DATASET_FIELDS) {
    const t = batch[f.name];
    assert.deepEqual(t.shape, [rows.length, ...types[f.name].shape], f.name);
    assert.equal(t.dtype, f.dtype === 'int' ? 'int32' : 'float32', f.name);
    const got = t.arraySync() as number[] | number[][];
    rows.forEach((r, i) => {
      const want = ds.sequences[r][f.name];
      const expected = typeof want === 'number' ? want : Array.from(want, (x) => Math.fround(x));
      assert.deepEqual(got[i], expected, `${f.name} row ${r}`);
    });
  }
  tf.dispose(Object.values(batch));
});

test('the dataset file round-trips every field, and the data port of each field exists with its description', () => {
  const back = parseDataset(JSON.parse([...datasetJsonChunks(ds)].join('')), 'mem.json');
  assert.deepEqual(back.sequences, ds.sequences);
  for (const f of DATASET_FIELDS) {
    const def = blockDef(f.name);
    assert.ok(def, f.name);
    assert.equal(def.category, 'data');
    assert.equal(def.description, f.description);
  }
});

test('a dataset file missing a field is refused naming the sequence and the field', () => {
  const value = JSON.parse([...datasetJsonChunks(ds)].join(''));
  delete value.sequences[2].HoldPairs;
  assert.throws(() => parseDataset(value, 'd.json'), /d\.json: sequences\[2\]\.HoldPairs: is missing$/);
  value.sequences[2] = null;
  assert.throws(() => parseDataset(value, 'd.json'), /d\.json: sequences\[2\]: must be an object, got null$/);
});
