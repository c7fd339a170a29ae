import assert from 'node:assert/strict';
import { test } from 'node:test';
import { chooseGruKernel, getGruKernel, gruKernelChoice, gruKernelNotice, loadWasmGruKernel } from '../../src/kernels/gru/kernel';
import { buildGruWasmModule } from '../../src/kernels/gru/wasm/module';

/** The generated module with its first f32x4.mul (0xFD 0xE6 0x01, in mk4x2) turned into the undefined opcode 0xFF. */
function corruptedModule(): Uint8Array {
  const bytes = buildGruWasmModule();
  const at = bytes.findIndex((b, i) => b === 0xfd && bytes[i + 1] === 0xe6 && bytes[i + 2] === 0x01);
  assert.ok(at > 0, 'the module multiplies vectors');
  bytes[at] = 0xff;
  return bytes;
}

test('in Node 20 the WebAssembly kernel is chosen, and there is nothing to report', () => {
  const load = loadWasmGruKernel();
  assert.equal(load.ok, true, load.ok ? '' : load.message);
  assert.equal(gruKernelChoice().kernel.kind, 'wasm');
  assert.equal(gruKernelChoice().fallback, null);
  assert.equal(gruKernelNotice(), null);
  assert.equal(getGruKernel().kind, 'wasm');
  assert.equal(getGruKernel('js').kind, 'js');
});

test("a corrupted module is reported with the engine's CompileError, naming the function, not as missing SIMD", () => {
  const load = loadWasmGruKernel(corruptedModule());
  assert.ok(!load.ok);
  assert.equal(load.code, 'compile-failed');
  assert.match(load.message, /^the WebAssembly module does not compile \(CompileError: /);
  assert.match(load.message, /mk4x2/, "the name section names the broken function in the engine's message");
  assert.doesNotMatch(load.message, /SIMD/);
  const choice = chooseGruKernel(load);
  assert.equal(choice.kernel.kind, 'js');
  const notice = gruKernelNotice(choice);
  assert.ok(notice?.includes(load.message), notice ?? 'no notice');
  assert.match(notice!, /using the plain JavaScript kernel instead, about 10× slower$/);
  assert.equal(notice!.split('\n').length, 1, 'one line');
});

test('a truncated module is a compile failure too', () => {
  const load = loadWasmGruKernel(buildGruWasmModule().subarray(0, 200));
  assert.ok(!load.ok);
  assert.equal(load.code, 'compile-failed');
  assert.match(load.message, /CompileError/);
});

test('an engine without SIMD, or without WebAssembly, is told apart from a broken module', () => {
  const noSimd = Object.assign(Object.create(WebAssembly), { validate: () => false }) as typeof WebAssembly;
  const a = loadWasmGruKernel(buildGruWasmModule(), noSimd);
  assert.deepEqual(a, { ok: false, code: 'no-simd', message: 'WebAssembly SIMD is not available in this engine' });
  const b = loadWasmGruKernel(buildGruWasmModule(), null);
  assert.deepEqual(b, { ok: false, code: 'no-webassembly', message: 'WebAssembly is not available in this engine' });
  assert.equal(
    gruKernelNotice(chooseGruKernel(a)),
    'GRU kernel: WebAssembly SIMD is not available in this engine; using the plain JavaScript kernel instead, about 10× slower',
  );
});

test('the module carries a name section', () => {
  const m = new WebAssembly.Module(buildGruWasmModule() as BufferSource);
  assert.equal(WebAssembly.Module.customSections(m, 'name').length, 1);
  assert.deepEqual(
    WebAssembly.Module.exports(m).map((e) => e.name),
    ['gemm', 'dotNT', 'fwdZR', 'fwdH', 'bwd1', 'bwd2', 'pack', 'gemmP'],
  );
});
