import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { noticesText, packageDirOf } from '../../scripts/licenceNotices';

test('a bundled module is traced to its package folder, scoped or not; project files are not', () => {
  assert.equal(packageDirOf('/w/node_modules/elkjs/lib/elk.bundled.js'), '/w/node_modules/elkjs');
  assert.equal(packageDirOf('/w/node_modules/@tensorflow/tfjs-core/dist/index.js'), '/w/node_modules/@tensorflow/tfjs-core');
  assert.equal(packageDirOf('/w/node_modules/a/node_modules/b/x.js?commonjs-proxy'), '/w/node_modules/a/node_modules/b');
  assert.equal(packageDirOf('/w/src/editor/main.ts'), undefined);
});

test("the notices carry each package's name, version, licence and licence text (elkjs: EPL-2.0)", () => {
  const text = noticesText(['node_modules/elkjs', 'node_modules/lit', 'node_modules/elkjs', 'node_modules/@tensorflow/tfjs-core']);
  const elk = JSON.parse(readFileSync('node_modules/elkjs/package.json', 'utf8')) as { version: string };
  assert.match(text, new RegExp(`elkjs@${elk.version.replace(/\./g, '\\.')}\\nLicense: EPL-2\\.0`));
  assert.ok(text.includes(readFileSync('node_modules/elkjs/LICENSE.md', 'utf8').trim()), 'the EPL text itself');
  assert.match(text, /lit@[\d.]+\nLicense: BSD-3-Clause/);
  assert.match(text, /@tensorflow\/tfjs-core@[\d.]+\nLicense: Apache-2\.0/);
  assert.equal(text.match(/^elkjs@/gm)?.length, 1, 'each package once');
});
