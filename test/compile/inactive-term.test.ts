import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { compileGraph } from '../../src/compile/compile';
import type { GraphDocument } from '../../src/graph';
import { cli } from '../support/cli';

/**
 * A Loss block with nothing wired in is inactive: the run leaves its term out, exactly as if the
 * block and the chain that fed it were not there. Compared here with that graph, written by hand.
 */
const fig6: GraphDocument = JSON.parse(readFileSync('graphs/fig6-global.json', 'utf8'));
const unplugged: GraphDocument = { ...fig6, connections: fig6.connections.filter((c) => c.to.node !== 'lossDE') };
const without: GraphDocument = {
  ...fig6,
  nodes: fig6.nodes.filter((n) => n.id !== 'lossDE'),
  connections: fig6.connections.filter((c) => c.to.node !== 'lossDE'),
};
const resolve = (ref: string) => JSON.parse(readFileSync(join('graphs', ref), 'utf8')) as GraphDocument;
const compile = (doc: GraphDocument) =>
  compileGraph(doc, { file: 'fig6-global.json', resolve: (ref) => ({ ok: true, doc: resolve(ref), file: ref }) });

test('an unplugged Loss block compiles, its term inactive; the plan is that of the graph without it', () => {
  const a = compile(unplugged);
  const b = compile(without);
  assert.ok(a.ok && b.ok, JSON.stringify(!a.ok && a.errors));
  assert.deepEqual(
    a.plan.losses.map((l) => l.name),
    ['ME', 'ICs', 'H'],
  );
  assert.deepEqual(a.plan.inactive, [{ id: 'lossDE', name: 'DE' }]);
  assert.deepEqual(b.plan.inactive, []);
  assert.deepEqual(
    a.plan.steps.map((s) => s.id),
    b.plan.steps.map((s) => s.id),
  );
  // Another block without its input is still an error.
  const broken = compile({ ...fig6, connections: fig6.connections.filter((c) => c.to.node !== 'beta') });
  assert.equal(broken.ok, false);
  assert.ok(!broken.ok && broken.errors.some((e) => e.nodeId === 'beta' && e.code === 'missing-input'));
});

test('check lists the inactive term; train leaves it out, epoch by epoch as the graph without it', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sg-inactive-'));
  const files = { unplugged, without };
  for (const [name, doc] of Object.entries(files)) writeFileSync(join(dir, `${name}.json`), JSON.stringify(doc));
  const check = cli('check', join(dir, 'unplugged.json'));
  assert.equal(check.code, 0, check.stderr);
  assert.match(check.stdout, /loss terms: ME, ICs, H\n {2}inactive terms \(nothing wired in, left out of training\): DE \(lossDE\)\n/);
  const small = ['--count', '40', '--epochs', '2', '--batch', '16', '--seed', '3', '--backend', 'cpu'];
  const metrics = Object.keys(files).map((name) => {
    const r = cli('train', join(dir, `${name}.json`), ...small, '--out', join(dir, `run-${name}`));
    assert.equal(r.code, 0, r.stderr);
    return JSON.parse(readFileSync(join(dir, `run-${name}`, 'metrics.json'), 'utf8')).epochs as { train: Record<string, number> }[];
  });
  assert.deepEqual(Object.keys(metrics[0][0].train), ['ME', 'ICs', 'H', 'total']);
  assert.deepEqual(metrics[0], metrics[1]);
});
