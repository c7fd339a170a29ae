import type { PathPart } from '../errors';
import { MigrationError, type MigrationStep, type RawDocument } from './step';

/*
 * Version 0 is the pre-release draft format. Its files carry either `"slidegraph": 0` (the first
 * drafts, no "format" field) or `"format": "slidegraph/graph", "version": 0`:
 *
 *   { "slidegraph": 0,
 *     "title": string, "notes"?: string,
 *     "blocks": [{ "id", "kind", "args"?: {name: value}, "x": number, "y": number, "label"? }],
 *     "wires"?: [["<node>.<socket>", "<node>.<socket>"], ...],     // [from, to]; split at the last '.'
 *     "data"?:  { "n"?: int, "seed": int, "rule"?: "equal-slip" | "literal", "test"?: fraction },
 *     "train"?: { "epochs": int, "batch": int, "lr": number, "seed"?: int },
 *     "init"?: string }
 *
 * Version 0 had Adam only and generated data with the equal-slip rule unless "rule" said otherwise,
 * so the upgrade writes both explicitly. "data" and "train" come together or not at all.
 */

const isObject = (v: unknown): v is RawDocument => typeof v === 'object' && v !== null && !Array.isArray(v);

function object(v: unknown, path: PathPart[]): RawDocument {
  if (!isObject(v)) throw new MigrationError(path, 'must be an object');
  return v;
}

function onlyKeys(o: RawDocument, allowed: readonly string[], path: PathPart[]): void {
  for (const k of Object.keys(o)) {
    if (!allowed.includes(k))
      throw new MigrationError([...path, k], `unknown field in a version 0 file; expected one of: ${allowed.join(', ')}`);
  }
}

function typed<T>(o: RawDocument, key: string, type: 'string' | 'number', path: PathPart[], required: boolean): T | undefined {
  const v = o[key];
  if (v === undefined && !required) return undefined;
  if (typeof v !== type) throw new MigrationError([...path, key], v === undefined ? 'is required' : `must be a ${type}`);
  return v as T;
}

function socketRef(v: unknown, path: PathPart[]): { node: string; socket: string } {
  const dot = typeof v === 'string' ? v.lastIndexOf('.') : -1;
  if (typeof v !== 'string' || dot <= 0 || dot === v.length - 1) {
    throw new MigrationError(path, 'must be a "node.socket" string');
  }
  return { node: v.slice(0, dot), socket: v.slice(dot + 1) };
}

function block(v: unknown, path: PathPart[]): RawDocument {
  const b = object(v, path);
  onlyKeys(b, ['id', 'kind', 'args', 'x', 'y', 'label'], path);
  const node: RawDocument = {
    id: typed<string>(b, 'id', 'string', path, true),
    type: typed<string>(b, 'kind', 'string', path, true),
    params: b.args === undefined ? {} : { ...object(b.args, [...path, 'args']) },
    position: { x: typed<number>(b, 'x', 'number', path, true), y: typed<number>(b, 'y', 'number', path, true) },
  };
  const label = typed<string>(b, 'label', 'string', path, false);
  if (label !== undefined) node.label = label;
  return node;
}

function wire(v: unknown, path: PathPart[]): RawDocument {
  if (!Array.isArray(v) || v.length !== 2) throw new MigrationError(path, 'must be a pair ["node.socket", "node.socket"]');
  return { from: socketRef(v[0], [...path, 0]), to: socketRef(v[1], [...path, 1]) };
}

function run(doc: RawDocument): RawDocument | undefined {
  if (doc.data === undefined && doc.train === undefined) {
    if (doc.init !== undefined) throw new MigrationError(['init'], 'needs "data" and "train"');
    return undefined;
  }
  if (doc.data === undefined || doc.train === undefined) {
    const missing = doc.data === undefined ? 'data' : 'train';
    throw new MigrationError([missing], `is required when "${missing === 'data' ? 'train' : 'data'}" is present`);
  }
  const d = object(doc.data, ['data']);
  onlyKeys(d, ['n', 'seed', 'rule', 'test'], ['data']);
  const t = object(doc.train, ['train']);
  onlyKeys(t, ['epochs', 'batch', 'lr', 'seed'], ['train']);

  const data: RawDocument = {};
  const count = typed<number>(d, 'n', 'number', ['data'], false);
  if (count !== undefined) data.count = count;
  data.seed = typed<number>(d, 'seed', 'number', ['data'], true);
  data.rule = typed<string>(d, 'rule', 'string', ['data'], false) ?? 'equal-slip';
  const test = typed<number>(d, 'test', 'number', ['data'], false);
  if (test !== undefined) data.testFraction = test;

  const training: RawDocument = {
    epochs: typed<number>(t, 'epochs', 'number', ['train'], true),
    batchSize: typed<number>(t, 'batch', 'number', ['train'], true),
    learningRate: typed<number>(t, 'lr', 'number', ['train'], true),
    optimizer: 'adam',
  };
  const seed = typed<number>(t, 'seed', 'number', ['train'], false);
  if (seed !== undefined) training.seed = seed;

  const out: RawDocument = { data, training };
  const init = typed<string>(doc, 'init', 'string', [], false);
  if (init !== undefined) out.init = init;
  return out;
}

export const v0ToV1: MigrationStep = {
  from: 0,
  to: 1,
  description: 'draft format (title/blocks/wires/data/train) to the first published format',
  up(doc) {
    onlyKeys(doc, ['slidegraph', 'format', 'version', 'title', 'notes', 'blocks', 'wires', 'data', 'train', 'init'], []);
    const blocks = doc.blocks;
    if (!Array.isArray(blocks)) throw new MigrationError(['blocks'], blocks === undefined ? 'is required' : 'must be an array');
    const wires = doc.wires ?? [];
    if (!Array.isArray(wires)) throw new MigrationError(['wires'], 'must be an array');

    const out: RawDocument = {
      format: 'slidegraph/graph',
      version: 1,
      name: typed<string>(doc, 'title', 'string', [], true),
    };
    const notes = typed<string>(doc, 'notes', 'string', [], false);
    if (notes !== undefined) out.description = notes;
    out.nodes = blocks.map((b, k) => block(b, ['blocks', k]));
    out.connections = wires.map((w, k) => wire(w, ['wires', k]));
    const r = run(doc);
    if (r !== undefined) out.run = r;
    return out;
  },
};
