import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';

const read = (f: string) => JSON.parse(readFileSync(`graphs/${f}`, 'utf8'));

// The generalisation table compares the GRU with the LSTM (docs/generalisation.md): the two
// graphs must differ in the recurrent block alone, or the comparison measures something else.
test('fig2-main-lstm is fig2-main with an LSTM of the same width in place of the GRU', () => {
  const gru = read('fig2-main.json');
  const lstm = read('fig2-main-lstm.json');
  const g = gru.nodes.find((n: { type: string }) => n.type === 'GRU');
  const l = lstm.nodes.find((n: { type: string }) => n.type === 'LSTM');
  assert.ok(g && l);
  assert.deepEqual(l.params, g.params);
  const rename = (s: unknown) => JSON.stringify(s).replaceAll(`"${g.id}"`, `"${l.id}"`);
  assert.equal(rename(gru.connections), JSON.stringify(lstm.connections));
  const others = (doc: { nodes: { type: string }[] }) => doc.nodes.filter((n) => n.type !== 'GRU' && n.type !== 'LSTM');
  assert.deepEqual(others(lstm), others(gru));
});

test('fig6-lstm is fig6-global with the LSTM main net, the same losses, weights and run', () => {
  const gru = read('fig6-global.json');
  const lstm = read('fig6-lstm.json');
  assert.equal(JSON.stringify(lstm.nodes).replaceAll('fig2-main-lstm.json', 'fig2-main.json'), JSON.stringify(gru.nodes));
  assert.deepEqual(lstm.connections, gru.connections);
  assert.deepEqual(lstm.run, gru.run);
});
