import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { assembleWat, WAT_PATH, watOf } from '../../scripts/kernelWat';
import { buildGruWasmModule } from '../../src/kernels/gru/wasm/module';

const committed = readFileSync(WAT_PATH, 'utf8');

test('the committed gru.wat is exactly the disassembly of the module the assembler emits (npm run kernel:wat)', async () => {
  assert.equal(await watOf(buildGruWasmModule()), committed, 'gru.wat is stale: run `npm run kernel:wat`');
});

test('wabt assembles the committed gru.wat into the same module, byte for byte, names included', async () => {
  assert.deepEqual(Buffer.from(await assembleWat(committed)), Buffer.from(buildGruWasmModule()));
});

test("gru.wat reads with the source's names: functions, parameters, locals, hoisted constants", () => {
  assert.match(committed, /\(func \$fwdZR \(type 6\) \(param \$B i32\) \(param \$Hp i32\) \(param \$pG i32\)/);
  assert.match(committed, /\(local \$c0_0 v128\)/);
  assert.match(committed, /local\.set \$f32x4_-87\.3/);
  assert.doesNotMatch(committed, /local\.get \d/, 'every local has a name');
});
