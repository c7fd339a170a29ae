/**
 * A tiny WebAssembly binary assembler: just enough of the MVP + fixed-width SIMD (128-bit)
 * instruction set to emit the GRU kernels at run time, with no toolchain and no dependency.
 *
 * There is no type checking here: the engine's validator rejects a malformed module at compile
 * time (kernel selection reports its error), and the kernel tests compare the kernel's outputs
 * and gradients with the float64 reference, so an encoding mistake cannot go unnoticed.
 *
 * Every function, parameter and local carries a name (the module's "name" custom section), so a
 * disassembler prints `local.get $pG` rather than `local.get 2`: see gru.wat beside this file.
 *
 * Encodings follow the WebAssembly core spec (binary format, section 5; the name section is its
 * appendix 7.4) and the SIMD proposal's binary encoding table (all SIMD opcodes are 0xFD followed
 * by a LEB128 u32).
 */

export const I32 = 0x7f;
export const V128 = 0x7b;
type ValType = typeof I32 | typeof V128;

const BLOCK_VOID = 0x40;

function uleb(n: number, out: number[]): void {
  if (n < 0 || !Number.isInteger(n)) throw new Error(`uleb: bad value ${n}`);
  do {
    let b = n & 0x7f;
    n = Math.floor(n / 128);
    if (n !== 0) b |= 0x80;
    out.push(b);
  } while (n !== 0);
}

function sleb(n: number, out: number[]): void {
  if (!Number.isInteger(n)) throw new Error(`sleb: bad value ${n}`);
  n |= 0; // i32 constants only
  for (;;) {
    const b = n & 0x7f;
    n >>= 7;
    if ((n === 0 && (b & 0x40) === 0) || (n === -1 && (b & 0x40) !== 0)) {
      out.push(b);
      return;
    }
    out.push(b | 0x80);
  }
}

const f32buf = new DataView(new ArrayBuffer(4));

/** SIMD opcodes used by the kernels (value after the 0xFD prefix). */
const SIMD = {
  load: 0x00,
  load32_splat: 0x09,
  store: 0x0b,
  const: 0x0c,
  f32x4_extract_lane: 0x1f,
  f32x4_lt: 0x43,
  v128_and: 0x4e,
  v128_or: 0x50,
  v128_bitselect: 0x52,
  i32x4_shl: 0xab,
  i32x4_add: 0xae,
  f32x4_abs: 0xe0,
  f32x4_neg: 0xe1,
  f32x4_add: 0xe4,
  f32x4_sub: 0xe5,
  f32x4_mul: 0xe6,
  f32x4_div: 0xe7,
  f32x4_pmin: 0xea,
  f32x4_pmax: 0xeb,
} as const;

/**
 * One function body under construction (no function returns a value). Parameters are named i32s;
 * locals are declared up front through `local()`.
 */
export class FnBuilder {
  readonly code: number[] = [];
  /** Emitted before `code`: initialisation of hoisted constants. */
  private readonly prologue: number[] = [];
  private readonly constLocals = new Map<string, number>();
  private readonly localTypes: ValType[] = [];
  /** names of the parameters, then of the locals, by index */
  readonly localNames: string[];
  constructor(
    readonly name: string,
    readonly params: readonly string[],
  ) {
    this.localNames = [...params];
  }

  /** Declares a new local and returns its index. */
  local(t: ValType, name: string): number {
    if (this.localNames.includes(name)) throw new Error(`${this.name}: local name ${name} is taken`);
    this.localTypes.push(t);
    this.localNames.push(name);
    return this.params.length + this.localTypes.length - 1;
  }

  private op(...bytes: number[]): this {
    for (const b of bytes) this.code.push(b);
    return this;
  }
  private simd(opcode: number): this {
    this.code.push(0xfd);
    uleb(opcode, this.code);
    return this;
  }
  private memarg(align: number, offset: number): this {
    uleb(align, this.code);
    uleb(offset, this.code);
    return this;
  }

  // control
  block(): this {
    return this.op(0x02, BLOCK_VOID);
  }
  loop(): this {
    return this.op(0x03, BLOCK_VOID);
  }
  if_(): this {
    return this.op(0x04, BLOCK_VOID);
  }
  else_(): this {
    return this.op(0x05);
  }
  end(): this {
    return this.op(0x0b);
  }
  br(depth: number): this {
    this.op(0x0c);
    uleb(depth, this.code);
    return this;
  }
  brIf(depth: number): this {
    this.op(0x0d);
    uleb(depth, this.code);
    return this;
  }
  call(fnIndex: number): this {
    this.op(0x10);
    uleb(fnIndex, this.code);
    return this;
  }

  // locals
  get(i: number): this {
    this.op(0x20);
    uleb(i, this.code);
    return this;
  }
  set(i: number): this {
    this.op(0x21);
    uleb(i, this.code);
    return this;
  }
  tee(i: number): this {
    this.op(0x22);
    uleb(i, this.code);
    return this;
  }

  // i32
  i32(v: number): this {
    this.op(0x41);
    sleb(v, this.code);
    return this;
  }
  i32Eqz(): this {
    return this.op(0x45);
  }
  i32LtS(): this {
    return this.op(0x48);
  }
  i32Add(): this {
    return this.op(0x6a);
  }
  i32Sub(): this {
    return this.op(0x6b);
  }
  i32Mul(): this {
    return this.op(0x6c);
  }
  i32Shl(): this {
    return this.op(0x74);
  }

  // f32 scalar
  f32Store(offset = 0): this {
    return this.op(0x38).memarg(2, offset);
  }
  f32Add(): this {
    return this.op(0x92);
  }

  // v128
  /** Unaligned-hint load (align exponent 2): always valid, the hint only. */
  v128LoadU(offset = 0): this {
    return this.simd(SIMD.load).memarg(2, offset);
  }
  v128Store(offset = 0): this {
    return this.simd(SIMD.store).memarg(2, offset);
  }
  load32Splat(offset = 0): this {
    return this.simd(SIMD.load32_splat).memarg(2, offset);
  }
  f32x4Const(v: number): this {
    this.simd(SIMD.const);
    f32buf.setFloat32(0, v, true);
    for (let l = 0; l < 4; l++) for (let i = 0; i < 4; i++) this.code.push(f32buf.getUint8(i));
    return this;
  }
  /**
   * Pushes a splatted f32 constant kept in a local initialised once at function entry (V8
   * materialises v128.const with several instructions at every use, even inside loops).
   */
  vconst(v: number): this {
    return this.hoisted(`f32x4_${v}`, () => this.bytesOf((b) => b.f32x4Const(v)));
  }
  /** Same as vconst for a splatted i32 constant. */
  vconstI(v: number): this {
    return this.hoisted(`i32x4_${v}`, () => this.bytesOf((b) => b.i32x4Const(v)));
  }
  private bytesOf(emit: (b: FnBuilder) => void): number[] {
    const tmp = new FnBuilder('', []);
    emit(tmp);
    return tmp.code;
  }
  private hoisted(key: string, bytes: () => number[]): this {
    let l = this.constLocals.get(key);
    if (l === undefined) {
      l = this.local(V128, key);
      this.constLocals.set(key, l);
      for (const b of bytes()) this.prologue.push(b);
      this.prologue.push(0x21);
      uleb(l, this.prologue);
    }
    return this.get(l);
  }
  i32x4Const(v: number): this {
    this.simd(SIMD.const);
    const dv = new DataView(new ArrayBuffer(4));
    dv.setInt32(0, v, true);
    for (let l = 0; l < 4; l++) for (let i = 0; i < 4; i++) this.code.push(dv.getUint8(i));
    return this;
  }
  f32x4ExtractLane(lane: number): this {
    this.simd(SIMD.f32x4_extract_lane);
    this.code.push(lane);
    return this;
  }
  f32x4Lt(): this {
    return this.simd(SIMD.f32x4_lt);
  }
  v128And(): this {
    return this.simd(SIMD.v128_and);
  }
  v128Or(): this {
    return this.simd(SIMD.v128_or);
  }
  v128Bitselect(): this {
    return this.simd(SIMD.v128_bitselect);
  }
  i32x4Shl(): this {
    return this.simd(SIMD.i32x4_shl);
  }
  i32x4Add(): this {
    return this.simd(SIMD.i32x4_add);
  }
  f32x4Abs(): this {
    return this.simd(SIMD.f32x4_abs);
  }
  f32x4Neg(): this {
    return this.simd(SIMD.f32x4_neg);
  }
  f32x4Add(): this {
    return this.simd(SIMD.f32x4_add);
  }
  f32x4Sub(): this {
    return this.simd(SIMD.f32x4_sub);
  }
  f32x4Mul(): this {
    return this.simd(SIMD.f32x4_mul);
  }
  f32x4Div(): this {
    return this.simd(SIMD.f32x4_div);
  }
  /** pmin(a, b) = b < a ? b : a  (one minps; min/max carry NaN and ±0 rules costing several) */
  f32x4Pmin(): this {
    return this.simd(SIMD.f32x4_pmin);
  }
  /** pmax(a, b) = a < b ? b : a */
  f32x4Pmax(): this {
    return this.simd(SIMD.f32x4_pmax);
  }

  /** Encodes locals + body + end as a code-section entry. */
  encode(): number[] {
    const body: number[] = [];
    // run-length groups of equal local types
    const groups: Array<[number, ValType]> = [];
    for (const t of this.localTypes) {
      const last = groups[groups.length - 1];
      if (last && last[1] === t) last[0]++;
      else groups.push([1, t]);
    }
    uleb(groups.length, body);
    for (const [n, t] of groups) {
      uleb(n, body);
      body.push(t);
    }
    for (const b of this.prologue) body.push(b);
    for (const b of this.code) body.push(b);
    body.push(0x0b);
    const out: number[] = [];
    uleb(body.length, out);
    for (const b of body) out.push(b);
    return out;
  }
}

function section(id: number, payload: number[], out: number[]): void {
  out.push(id);
  uleb(payload.length, out);
  for (const b of payload) out.push(b);
}

function name(s: string, out: number[]): void {
  const bytes = new TextEncoder().encode(s);
  uleb(bytes.length, out);
  for (const b of bytes) out.push(b);
}

/**
 * A module that imports one memory as env.memory and exports the functions flagged exported.
 * Function indices are the order of `add` calls (there are no imported functions), and function
 * names are unique.
 */
export class ModuleBuilder {
  private readonly fns: FnBuilder[] = [];
  private readonly exported = new Set<number>();
  constructor(readonly name: string) {}

  add(fn: FnBuilder, exported = true): number {
    if (this.fns.some((f) => f.name === fn.name)) throw new Error(`function name ${fn.name} is taken`);
    this.fns.push(fn);
    const idx = this.fns.length - 1;
    if (exported) this.exported.add(idx);
    return idx;
  }

  encode(): Uint8Array {
    const out: number[] = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];
    // type section: one type per function (duplicates are legal)
    const types: number[] = [];
    uleb(this.fns.length, types);
    for (const f of this.fns) {
      types.push(0x60);
      uleb(f.params.length, types);
      for (let i = 0; i < f.params.length; i++) types.push(I32);
      uleb(0, types);
    }
    section(1, types, out);
    // import section: env.memory, min 1 page, no max
    const imports: number[] = [];
    uleb(1, imports);
    name('env', imports);
    name('memory', imports);
    imports.push(0x02, 0x00);
    uleb(1, imports);
    section(2, imports, out);
    // function section
    const funcs: number[] = [];
    uleb(this.fns.length, funcs);
    for (let i = 0; i < this.fns.length; i++) uleb(i, funcs);
    section(3, funcs, out);
    // export section
    const exps: number[] = [];
    uleb(this.exported.size, exps);
    for (const i of this.exported) {
      name(this.fns[i].name, exps);
      exps.push(0x00);
      uleb(i, exps);
    }
    section(7, exps, out);
    // code section
    const code: number[] = [];
    uleb(this.fns.length, code);
    for (const f of this.fns) for (const b of f.encode()) code.push(b);
    section(10, code, out);
    section(0, this.nameSection(), out);
    return Uint8Array.from(out);
  }

  /** The "name" custom section: subsection 0 the module, 1 the functions, 2 every local. */
  private nameSection(): number[] {
    const payload: number[] = [];
    name('name', payload);
    const sub = (id: number, content: number[]) => {
      payload.push(id);
      uleb(content.length, payload);
      for (const b of content) payload.push(b);
    };
    const moduleName: number[] = [];
    name(this.name, moduleName);
    sub(0, moduleName);
    const fnNames: number[] = [];
    uleb(this.fns.length, fnNames);
    this.fns.forEach((f, i) => {
      uleb(i, fnNames);
      name(f.name, fnNames);
    });
    sub(1, fnNames);
    const localNames: number[] = [];
    uleb(this.fns.length, localNames);
    this.fns.forEach((f, i) => {
      uleb(i, localNames);
      uleb(f.localNames.length, localNames);
      f.localNames.forEach((n, j) => {
        uleb(j, localNames);
        name(n, localNames);
      });
    });
    sub(2, localNames);
    return payload;
  }
}
