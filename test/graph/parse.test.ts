import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseGraphText } from '../../src/graph/index';

function refusal(text: string) {
  const r = parseGraphText(text, 'x.json');
  assert.equal(r.ok, false, `expected refusal of ${text.slice(0, 60)}`);
  if (r.ok) throw new Error('unreachable');
  assert.equal(r.errors.length, 1);
  return r.errors[0]!;
}

test('parses plain JSON and ignores a leading byte-order mark', () => {
  assert.deepEqual(parseGraphText('\uFEFF{"a": [1, "]", {"b": null}]}', 'x.json'), {
    ok: true,
    value: { a: [1, ']', { b: null }] },
  });
});

test('refuses empty and whitespace-only text', () => {
  for (const text of ['', '  \n\t ', '\uFEFF']) {
    const e = refusal(text);
    assert.equal(e.code, 'empty');
    assert.equal(e.message, 'x.json: the file is empty');
  }
});

test('syntax errors give line and column', () => {
  const cases: [string, number, number, RegExp][] = [
    ['{"a": 1\n "b": 2}', 2, 2, /expected ',' or '}' after "a"/],
    ['{"a": [1, 2,]}', 1, 12, /trailing comma after item 1/],
    ['{"a": 1,\n}', 1, 8, /trailing comma after "a"/],
    ["{'a': 1}", 1, 2, /property name in double quotes/],
    ['{"a": NaN}', 1, 7, /NaN and Infinity are not JSON/],
    ['{"a": -Infinity}', 1, 7, /NaN and Infinity are not JSON|-Infinity is not JSON/],
    ['{"a": 01}', 1, 8, /expected ','/],
    ['{"a": "x\ny"}', 1, 9, /raw control character/],
    ['{"a": "\\q"}', 1, 8, /invalid escape/],
    ['{"a": "\\u12G4"}', 1, 8, /invalid escape/],
    ['{"a": "abc', 1, 7, /unterminated string/],
    ['{"a": 1} x', 1, 10, /after the end of the JSON value/],
    ['[1, 2', 1, 6, /expected ',' or ']'.*the end of the text/],
    ['{"a":', 1, 6, /unexpected end of the text/],
    ['// comment\n{}', 1, 1, /comments are not allowed/],
    ['{"a": tru}', 1, 7, /unexpected 't'/],
  ];
  for (const [text, line, column, detail] of cases) {
    const e = refusal(text);
    assert.equal(e.code, 'not-json', text);
    assert.deepEqual([e.line, e.column], [line, column], `${text} -> ${e.message}`);
    assert.match(e.message, detail);
    assert.ok(e.message.startsWith(`x.json:${line}:${column}: `), e.message);
  }
});

test('names the enclosing field of a syntax error', () => {
  const e = refusal('{"nodes": [{"id": "a", "params": {"units": 3 "x": 1}}]}');
  assert.equal(e.path, 'nodes[0].params');
  assert.match(e.message, /nodes\[0\]\.params: not valid JSON: expected ',' or '}' after "units"/);
});

test('accepts exactly 64 levels and refuses 65', () => {
  const nest = (n: number) => '['.repeat(n) + ']'.repeat(n);
  assert.equal(parseGraphText(nest(64), 'x.json').ok, true);
  const e = refusal(nest(65));
  assert.equal(e.code, 'too-deep');
  assert.equal(e.column, 65);
});

test('50,000 levels of nesting are refused cleanly, before JSON.parse', () => {
  for (const open of ['[', '{"a":']) {
    const close = open === '[' ? ']' : '}';
    const e = refusal(`${open.repeat(50_000)}1${close.repeat(50_000)}`);
    assert.equal(e.code, 'too-deep');
    assert.match(e.message, /nesting deeper than 64 levels/);
  }
});

test('brackets and escaped quotes inside strings do not count as nesting', () => {
  const s = `{"a": "${'[{'.repeat(1000)}\\"]}\\\\"}`;
  assert.equal(parseGraphText(s, 'x.json').ok, true);
});

test('refuses __proto__, constructor and prototype keys anywhere, escaped or not', () => {
  for (const key of ['__proto__', 'constructor', 'prototype', '\\u005f_proto__', 'proto\\u0074ype']) {
    const e = refusal(`{"nodes": [{"params": {"${key}": {"polluted": true}}}]}`);
    assert.equal(e.code, 'forbidden-key');
    assert.match(e.path, /^nodes\[0\]\.params\.(__proto__|constructor|prototype)$/);
  }
});

test('refuses a key given twice in one object, which JSON.parse would silently collapse', () => {
  const e = refusal('{"version": 1,\n "version": 2}');
  assert.equal(e.code, 'duplicate-key');
  assert.equal(e.path, 'version');
  assert.deepEqual([e.line, e.column], [2, 2]);
  // The same key in different objects is fine.
  assert.equal(parseGraphText('[{"a": 1}, {"a": 2}]', 'x.json').ok, true);
});

test('the scanner agrees with JSON.parse on valid text', () => {
  const samples = ['0', '-0.5e+3', '"\\u00e9\\n"', 'true', 'null', '[]', '{}', ' [ { } , [ ] ] ', '{"":1}', '1E5'];
  for (const s of samples) {
    assert.deepEqual(parseGraphText(s, 'x.json'), { ok: true, value: JSON.parse(s) }, s);
  }
});

test('fuzz: the scanner accepts exactly what JSON.parse accepts', () => {
  let s = 12345;
  const rand = (n: number) => {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    return s % n;
  };
  const base = '{"a": [1, -2.5e3, true, false, null, "x\\"y\\u00e9"], "b": {"c": {}}, "d": []}';
  const alphabet = '{}[]",:\\ 0123456789-+.eEtrufalsn\n\tu"';
  let checked = 0;
  for (let k = 0; k < 20_000; k++) {
    const chars = [...base];
    for (let m = 1 + rand(3); m > 0; m--) {
      const at = rand(chars.length + 1);
      const c = alphabet[rand(alphabet.length)]!;
      const op = rand(3);
      if (op === 0) chars.splice(at, 0, c);
      else if (op === 1) chars.splice(at, 1);
      else chars[at] = c;
    }
    const text = chars.join('');
    let native = true;
    try {
      JSON.parse(text);
    } catch {
      native = false;
    }
    const r = parseGraphText(text, 'x.json');
    if (!r.ok && r.errors[0]!.code === 'duplicate-key') continue;
    assert.equal(r.ok, native, `scanner and JSON.parse disagree on ${JSON.stringify(text)}`);
    checked++;
  }
  assert.ok(checked > 15_000);
});
