import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { serveSite, siteFile } from '../../src/cli/commands/editor';
import { cli } from '../support/cli';

test('siteFile serves files inside the built site only', () => {
  const site = mkdtempSync(join(tmpdir(), 'sg-site-'));
  mkdirSync(join(site, 'assets'));
  writeFileSync(join(site, 'index.html'), '<!doctype html>');
  writeFileSync(join(site, 'assets', 'a.js'), '');
  assert.equal(siteFile(site, '/'), join(site, 'index.html'));
  assert.equal(siteFile(site, '/assets/a.js?v=1'), join(site, 'assets', 'a.js'));
  assert.equal(siteFile(site, '/assets'), undefined, 'a folder is not a file');
  assert.equal(siteFile(site, '/missing.js'), undefined);
  for (const sneaky of ['/../package.json', '/%2e%2e/package.json', '/assets/%2e%2e/%2e%2e/etc/passwd', '/%00', '/%E0%A4%A'])
    assert.equal(siteFile(site, sneaky), undefined, sneaky);
});

test('editor: a bad --port is one line and exit 2', () => {
  const r = cli('editor', '--port', '70000');
  assert.equal(r.code, 2);
  assert.equal(r.stderr, 'slidegraph: --port: must be an integer in [0, 65535], got "70000"\n');
});

test('editor: every answer, a miss included, is cross-origin isolated (COOP same-origin, COEP require-corp)', async () => {
  const site = mkdtempSync(join(tmpdir(), 'sg-site-'));
  writeFileSync(join(site, 'index.html'), '<!doctype html>');
  const server = serveSite(site);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  try {
    for (const [path, status] of [
      ['/', 200],
      ['/missing.js', 404],
    ] as const) {
      const r = await fetch(`http://127.0.0.1:${port}${path}`);
      assert.equal(r.status, status, path);
      assert.equal(r.headers.get('cross-origin-opener-policy'), 'same-origin', path);
      assert.equal(r.headers.get('cross-origin-embedder-policy'), 'require-corp', path);
      await r.arrayBuffer();
    }
  } finally {
    await new Promise((r) => server.close(r));
  }
});
