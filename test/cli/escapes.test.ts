import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { jsonText, oneLine } from '../../src/cli/cleanText';
import { cli } from '../support/cli';

/**
 * Issue 25: `check --json` and `check` echoed raw bidi overrides (U+202E) and C1 controls (0x9b
 * is a terminal's CSI, 0x9d its OSC) from graph names and file names. Every output format now
 * escapes C0, C1, bidi and zero-width characters; JSON with \uXXXX, which parses to the same text.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding raw control characters is the point
const RAW = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/;
const hostile = 'gpu\u202etxt.exe \u009b31m \u009d0;title\u0007 \u001b[2J zero\u200bwidth \u2066iso\u2069 bom\ufeff';

test('jsonText and oneLine leave no control, bidi or zero-width character raw; JSON parses back to the same text', () => {
  const text = jsonText({ name: hostile }, 2);
  assert.doesNotMatch(text, RAW);
  assert.equal(JSON.parse(text).name, hostile);
  assert.doesNotMatch(oneLine(hostile), RAW);
  assert.match(oneLine(hostile), /gpu\\u202etxt\.exe \\x9b31m \\x9d0;title\\x07 \\x1b\[2J zero\\u200bwidth \\u2066iso\\u2069 bom\\ufeff/);
});

test('check and check --json escape a hostile graph name and file name', () => {
  const at = mkdtempSync(join(tmpdir(), 'sg-escapes-'));
  const doc = JSON.parse(readFileSync('graphs/fig2-main.json', 'utf8'));
  doc.name = hostile;
  const file = join(at, 'main\u202egnp.json');
  writeFileSync(file, JSON.stringify(doc));
  copyFileSync('graphs/fig2-main.json', join(at, 'plain.json'));
  const asJson = cli('check', '--json', file);
  assert.equal(asJson.code, 0, asJson.stderr);
  assert.doesNotMatch(asJson.stdout, RAW);
  const [report] = JSON.parse(asJson.stdout);
  assert.equal(report.name, hostile);
  assert.equal(report.file, file);
  const asText = cli('check', file);
  assert.equal(asText.code, 0, asText.stderr);
  assert.doesNotMatch(asText.stdout, RAW);
  assert.match(asText.stdout, /main\\u202egnp\.json: ok — gpu\\u202etxt\.exe \\x9b31m/);
});
