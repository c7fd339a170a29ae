// Hostile and mistaken inputs, with real processes: devices and FIFOs as graph files, bytes that
// are not UTF-8, terminal escapes, a sub-graph fan-out, files outside the graph, overflowing input.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import { MAX_ERROR_LINE, MAX_EXPANDED_BLOCKS } from '../../src/graph/limits';
import { cliWith, oneLine } from '../support/faults';

const tmp = mkdtempSync(join(tmpdir(), 'sg-hostile-'));
const cli = (...args: string[]) => cliWith({}, ...args);
const fixtures = 'test/fixtures/hostile';
const small = ['--count', '40', '--epochs', '1', '--batch', '16', '--seed', '3', '--backend', 'cpu'];

test('a FIFO as the graph file is refused at once, never waited on', () => {
  const fifo = join(tmp, 'graph.fifo');
  assert.equal(spawnSync('mkfifo', [fifo]).status, 0);
  const r = cli('check', fifo);
  assert.equal(r.signal, null, 'finished by itself');
  assert.equal(r.code, 2);
  assert.equal(r.stderr, `slidegraph: ${fifo}: file: is not a regular file (a device, FIFO or socket); only regular files are read\n`);
});

test('a character device as the graph file is refused before a byte is read', () => {
  const r = cli('check', '/dev/zero');
  assert.equal(r.code, 2);
  assert.equal(r.stderr, 'slidegraph: /dev/zero: file: is not a regular file (a device, FIFO or socket); only regular files are read\n');
});

test('bytes that are not UTF-8 are refused with their offset, not replaced', () => {
  const file = join(fixtures, 'not-utf8.json');
  const bytes = readFileSync(file);
  const offset = bytes.indexOf(0xff);
  assert.ok(offset > 0);
  const r = cli('check', file);
  assert.equal(r.code, 2);
  assert.equal(r.stderr, `slidegraph: ${file}: file: is not valid UTF-8 (byte offset ${offset}: 0xff)\n`);
});

test("terminal escapes in a graph's name are printed escaped", () => {
  const r = cli('check', join(fixtures, 'escape-name.json'));
  assert.equal(r.code, 0, r.stderr);
  const controls = [...r.stdout].filter((c) => c !== '\n' && (c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f));
  assert.deepEqual(controls, [], 'no control character reaches the terminal');
  assert.match(r.stdout, /ok — evil \\x1b\]0;pwned\\x07\\x1b\[2J\\x1b\[31mred\\x0d\\x0aslidegraph: all good\n/);
});

test('a 1 KB-per-level sub-graph fan-out (2³⁰ copies) is refused at the expansion limit', () => {
  const r = cli('check', join(fixtures, 'fanout', 'g00.json'));
  assert.equal(r.code, 2);
  assert.ok(oneLine(r.stderr), r.stderr);
  assert.match(
    r.stderr,
    new RegExp(`the graph expands to more than ${MAX_EXPANDED_BLOCKS} blocks with its sub-graphs \\(the limit\\)\\n$`),
  );
});

test('an error line is capped, saying how much was cut', () => {
  const nodes = Array.from({ length: 300 }, (_, i) => ({ id: `n${i}`, type: 'NoSuchBlock', params: {}, position: { x: 0, y: 0 } }));
  const file = join(tmp, 'many-errors.json');
  writeFileSync(file, JSON.stringify({ format: 'slidegraph/graph', version: 1, name: 'many', nodes, connections: [] }));
  const r = cli('check', file);
  assert.equal(r.code, 2);
  assert.ok(oneLine(r.stderr), r.stderr);
  const line = r.stderr.slice('slidegraph: '.length, -1);
  const cut = line.match(/… \((\d+) more characters\)$/);
  assert.ok(cut, line.slice(-80));
  assert.equal(line.length, MAX_ERROR_LINE + cut[0].length);
});

test('a sub-graph naming a file outside the graph by absolute path: refused, nothing copied, no run folder', () => {
  const secret = join(tmp, 'id_rsa');
  writeFileSync(secret, '-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n-----END OPENSSH PRIVATE KEY-----\n');
  const g = JSON.parse(readFileSync('graphs/stage-me.json', 'utf8'));
  for (const n of g.nodes) if (n.type === 'Subgraph') n.params.graph = secret;
  const file = join(tmp, 'leak.json');
  writeFileSync(file, JSON.stringify(g));
  const out = join(tmp, 'leak-run');
  const r = cli('train', file, ...small, '--out', out);
  assert.equal(r.code, 2);
  assert.ok(oneLine(r.stderr), r.stderr);
  assert.match(r.stderr, /is invalid/);
  assert.ok(!existsSync(out), 'no run folder, so nothing was copied into one');
});

test('a sub-graph named by ../ is copied in and rewritten: the run folder is self-contained', () => {
  const out = join(tmp, 'updir-run');
  const r = cli('train', join(fixtures, 'updir', 'graphs', 'stage-me-updir.json'), ...small, '--out', out);
  assert.equal(r.code, 0, r.stderr);
  const graph = JSON.parse(readFileSync(join(out, 'graph.json'), 'utf8'));
  assert.deepEqual(
    graph.nodes.filter((n: { type: string }) => n.type === 'Subgraph').map((n: { params: { graph: string } }) => n.params.graph),
    ['subgraphs/main-net.json'],
  );
  // the sub-graph as the run used it: the same document (written in canonical form)
  assert.deepEqual(
    JSON.parse(readFileSync(join(out, 'subgraphs', 'main-net.json'), 'utf8')),
    JSON.parse(readFileSync(join(fixtures, 'updir', 'shared', 'main-net.json'), 'utf8')),
  );
  // moved away from the fixture's folders, the run still compiles and evaluates on its own
  const moved = join(tmp, 'elsewhere', 'run');
  cpSync(out, moved, { recursive: true });
  const ev = cli('evaluate', moved, '--backend', 'cpu');
  assert.equal(ev.code, 0, ev.stderr);
  assert.equal(
    JSON.parse(ev.stdout).testErrorPercent.mean,
    JSON.parse(readFileSync(join(out, 'metrics.json'), 'utf8')).epochs[0].testErrorPercent,
  );
});

test('a refused graph leaves no run folder behind', () => {
  const out = join(tmp, 'refused-run');
  const r = cli('train', 'test/fixtures/bad-graphs/type-mismatch.json', ...small, '--out', out);
  assert.equal(r.code, 2);
  assert.ok(!existsSync(out));
});

test('a null dataset row and overflowing input: exit 2 naming the field, never null results with exit 0', () => {
  const data = join(tmp, 'null-row.json');
  const d = cli('data', '--count', '4', '--out', data);
  assert.equal(d.code, 0, d.stderr);
  const ds = JSON.parse(readFileSync(data, 'utf8'));
  ds.sequences[1] = null;
  writeFileSync(data, JSON.stringify(ds));
  const preds = join(tmp, 'preds.json');
  writeFileSync(preds, JSON.stringify(Array.from({ length: 4 }, () => Array(100).fill(0))));
  const l = cli('losses', 'graphs/fig6-global.json', '--data', data, '--predictions', preds, '--backend', 'cpu');
  assert.equal(l.code, 2);
  assert.equal(l.stderr, `slidegraph: ${data}: sequences[1]: must be an object, got null\n`);

  const s = cli('simulate', join(fixtures, 'overflow-protocol.json'));
  assert.equal(s.code, 2);
  assert.equal(s.stdout, '');
  assert.equal(
    s.stderr,
    `slidegraph: ${join(fixtures, 'overflow-protocol.json')}: result: mu[0] is Infinity: the input overflows what double precision can represent\n`,
  );
});

test('a dataset that cannot fit in memory is refused before it is generated', (t) => {
  // 10⁷ sequences need about 50 GB; only a machine with far more memory would accept it.
  if (totalmem() * 0.75 > 10_000_000 * 6000) return t.skip('this machine has the memory for 10⁷ sequences');
  const r = cli('data', '--count', '10000000', '--out', join(tmp, 'huge.json'));
  assert.equal(r.code, 2);
  assert.match(
    r.stderr,
    /^slidegraph: --count: 10000000 sequences need about \d+\.\d GB of memory, this machine allows \d+\.\d GB .*; use at most \d+\n$/,
  );
  assert.ok(!existsSync(join(tmp, 'huge.json')));
  // floor holds the dataset too (issue 25: it reached 8.9 GB and ran on for minutes)
  const floor = cli('floor', '--count', '10000000');
  assert.equal(floor.code, 2);
  assert.match(floor.stderr, /^slidegraph: --count: 10000000 sequences need about \d+\.\d GB of memory/);
  const dir = resolve(tmp, 'huge-run');
  const tr = cli('train', 'graphs/stage-me.json', '--count', '10000000', '--out', dir);
  assert.equal(tr.code, 2);
  assert.match(tr.stderr, /^slidegraph: --count: 10000000 sequences need about/);
  assert.ok(!existsSync(dir));
});
