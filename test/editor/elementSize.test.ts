import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';

/** Every source file under a folder, recursively. */
function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? sources(p) : p.endsWith('.ts') ? [p] : [];
  });
}

// The developer guide's rule: a Lit element stays under 200 lines, so each one holds one idea.
test('every Lit element under src/editor is under 200 lines', () => {
  const elements = sources('src/editor').filter((f) => /extends LitElement\b/.test(readFileSync(f, 'utf8')));
  assert.ok(elements.includes(join('src', 'editor', 'app.ts')), 'the app element is found');
  const over = elements
    .map((f) => [f, readFileSync(f, 'utf8').split('\n').length - 1] as const)
    .filter(([, lines]) => lines >= 200)
    .map(([f, lines]) => `${f}: ${lines} lines`);
  assert.deepEqual(over, []);
});
