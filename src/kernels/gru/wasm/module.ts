/**
 * Generates the WebAssembly (SIMD128) module with the GRU building blocks:
 *
 *  gemm(M, N, K, pA, sam, sak, pB, ldb, pC, ldc, acc)
 *      C[m, n] (+)= sum_k A[m*sam + k*sak] * B[k*ldb + n]      (N % 4 == 0)
 *      One register-blocked micro-kernel serves both A·B (sam = lda, sak = 1) and Aᵀ·B
 *      (sam = 1, sak = lda). Pointers are byte addresses, strides are in elements.
 *  dotNT(M, N, K, pA, lda, pB, ldb, pC, ldc)
 *      C[m*ldc + n] = sum_k A[m*lda + k] * B[n*ldb + k]        (K % 4 == 0)
 *  fwdZR, fwdH, bwd1, bwd2: the element-wise parts of one time step (see wasmKernel.ts).
 *
 * Everything is vectorised along the hidden dimension, which the caller pads to a multiple of 4
 * (padding units have zero weights and provably stay at zero, see wasmKernel.ts).
 *
 * The module's text form, gru.wat beside this file, is what `npm run kernel:wat` disassembles
 * from it; a test keeps the two identical.
 *
 * exp() is a Cephes-style range reduction + degree-5 polynomial (rel. error ~1e-7 on the clamped
 * range [-87.3, 88.3]); sigmoid = 1 / (1 + exp(-a)); tanh uses an odd Taylor polynomial below
 * |a| = 0.3 (where (1-e)/(1+e) would cancel) and (1 - e) / (1 + e) with e = exp(-2|a|) above.
 */
import { FnBuilder, I32, ModuleBuilder, V128 } from './asm';

export interface GruWasmExports {
  gemm(
    M: number,
    N: number,
    K: number,
    pA: number,
    sam: number,
    sak: number,
    pB: number,
    ldb: number,
    pC: number,
    ldc: number,
    acc: number,
  ): void;
  dotNT(M: number, N: number, K: number, pA: number, lda: number, pB: number, ldb: number, pC: number, ldc: number): void;
  fwdZR(B: number, Hp: number, pG: number, ldG: number, pHprev: number, ldH: number, pRH: number, ldRH: number): void;
  fwdH(B: number, Hp: number, pG: number, ldG: number, pHprev: number, ldH: number, pHnext: number): void;
  bwd1(
    B: number,
    Hp: number,
    pG: number,
    ldG: number,
    pHprev: number,
    ldH: number,
    pDH: number,
    pDHprev: number,
    ldDH: number,
    pDG: number,
    ldDG: number,
  ): void;
  pack(K: number, N: number, pB: number, ldb: number, pP: number): void;
  gemmP(M: number, N: number, K: number, pA: number, sam: number, sak: number, pP: number, pC: number, ldc: number, acc: number): void;
  bwd2(
    B: number,
    Hp: number,
    pG: number,
    ldG: number,
    pHprev: number,
    ldH: number,
    pDRH: number,
    ldDRH: number,
    pDHprev: number,
    ldDH: number,
    pDG: number,
    ldDG: number,
  ): void;
}

/** The GEMM micro-tile: MR rows by NR vectors of 4 floats, (4 x 8 floats of C held in registers). */
const MR = 4;
const NR = 2;

/** Micro-kernel: C[mr x 4nr] (+)= A[mr x K] * B[K x 4nr]. */
function microKernel(mr: number, nr: number): FnBuilder {
  // strides (samB, sakB, ldbB, ldcB) are in bytes here
  const f = new FnBuilder(`mk${mr}x${nr}`, ['pa', 'samB', 'sakB', 'pb', 'ldbB', 'pc', 'ldcB', 'K', 'acc']);
  const [pa, samB, sakB, pb, ldbB, pc, ldcB, K, acc] = [0, 1, 2, 3, 4, 5, 6, 7, 8];
  const c: number[][] = [];
  for (let i = 0; i < mr; i++) {
    c.push([]);
    for (let j = 0; j < nr; j++) c[i].push(f.local(V128, `c${i}_${j}`));
  }
  const b: number[] = [];
  for (let j = 0; j < nr; j++) b.push(f.local(V128, `b${j}`));
  const a = f.local(V128, 'a');
  const prow: number[] = [pa];
  for (let i = 1; i < mr; i++) prow.push(f.local(I32, `pa${i}`));
  const crow: number[] = [pc];
  for (let i = 1; i < mr; i++) crow.push(f.local(I32, `pc${i}`));
  for (let i = 1; i < mr; i++) {
    f.get(prow[i - 1])
      .get(samB)
      .i32Add()
      .set(prow[i]);
    f.get(crow[i - 1])
      .get(ldcB)
      .i32Add()
      .set(crow[i]);
  }
  // init accumulators
  f.get(acc).if_();
  for (let i = 0; i < mr; i++)
    for (let j = 0; j < nr; j++)
      f.get(crow[i])
        .v128LoadU(16 * j)
        .set(c[i][j]);
  f.else_();
  for (let i = 0; i < mr; i++) for (let j = 0; j < nr; j++) f.vconst(0).set(c[i][j]);
  f.end();
  // k loop
  f.block();
  f.get(K).i32Eqz().brIf(0);
  f.loop();
  for (let j = 0; j < nr; j++)
    f.get(pb)
      .v128LoadU(16 * j)
      .set(b[j]);
  for (let i = 0; i < mr; i++) {
    f.get(prow[i]).load32Splat().set(a);
    for (let j = 0; j < nr; j++) {
      f.get(c[i][j]).get(a).get(b[j]).f32x4Mul().f32x4Add().set(c[i][j]);
    }
  }
  for (let i = 0; i < mr; i++) f.get(prow[i]).get(sakB).i32Add().set(prow[i]);
  f.get(pb).get(ldbB).i32Add().set(pb);
  f.get(K).i32(1).i32Sub().tee(K).brIf(0);
  f.end();
  f.end();
  for (let i = 0; i < mr; i++)
    for (let j = 0; j < nr; j++)
      f.get(crow[i])
        .get(c[i][j])
        .v128Store(16 * j);
  return f;
}

/** Emits exp(x) of the v128 in local `x` onto the stack; clobbers x and locals t0, t1. */
function emitExp(f: FnBuilder, x: number, t0: number, t1: number): void {
  const MAGIC = 12582912; // 1.5 * 2^23: adding it rounds to an integer, kept in the low mantissa bits
  // x = clamp(x)
  f.get(x).vconst(-87.3).f32x4Pmax().vconst(88.3).f32x4Pmin().set(x);
  // t0 = x log2(e) + MAGIC  (bits of t0 = bits(MAGIC) + n, n = nearest(x log2 e))
  f.get(x).vconst(Math.LOG2E).f32x4Mul().vconst(MAGIC).f32x4Add().set(t0);
  // r = x - n C1 - n C2   (n = t0 - MAGIC exactly; C1 + C2 = ln 2, C1 has few mantissa bits)
  f.get(t0).vconst(MAGIC).f32x4Sub().set(t1);
  f.get(x).get(t1).vconst(0.693359375).f32x4Mul().f32x4Sub().get(t1).vconst(-2.1219444e-4).f32x4Mul().f32x4Sub().set(x);
  // exp(r) ~ 1 + r + r^2 q(r), q of degree 5 evaluated by Estrin's scheme (shorter dependency
  // chain than Horner: the element-wise kernels are latency-bound, not throughput-bound):
  // q = (p5 + p4 r) + r^2 (p3 + p2 r) + r^4 (p1 + p0 r)
  f.get(x).get(x).f32x4Mul().set(t1); // r^2
  f.vconst(1.6666665459e-1).get(x).f32x4Mul().vconst(5.0000001201e-1).f32x4Add(); // p5 + p4 r
  f.vconst(8.3334519073e-3).get(x).f32x4Mul().vconst(4.1665795894e-2).f32x4Add().get(t1).f32x4Mul().f32x4Add();
  f.vconst(1.98756915e-4).get(x).f32x4Mul().vconst(1.3981999507e-3).f32x4Add().get(t1).get(t1).f32x4Mul().f32x4Mul().f32x4Add();
  // y = q r^2 + (r + 1)
  f.get(t1).f32x4Mul().get(x).vconst(1).f32x4Add().f32x4Add().set(t1);
  // 2^n: (bits(t0) << 23) == n << 23 (the magic's bits all shift out), + 127 << 23
  f.get(t0)
    .i32(23)
    .i32x4Shl()
    .vconstI(127 << 23)
    .i32x4Add();
  f.get(t1).f32x4Mul();
}

/** sigmoid of local `x` onto the stack; clobbers x, t0, t1. */
function emitSigmoid(f: FnBuilder, x: number, t0: number, t1: number): void {
  f.get(x).f32x4Neg().set(x);
  f.vconst(1);
  emitExp(f, x, t0, t1);
  f.vconst(1).f32x4Add().f32x4Div();
}

/** tanh of local `x` onto the stack; clobbers x, t0..t3. */
function emitTanh(f: FnBuilder, x: number, t0: number, t1: number, t2: number, t3: number): void {
  // t2 = |x|, t3 = sign bits of x
  f.get(x).vconstI(-0x80000000).v128And().set(t3);
  f.get(x).f32x4Abs().set(t2);
  // e = exp(-2|x|) in t1... emitExp writes into its x argument, so use x as scratch
  f.get(t2).vconst(-2).f32x4Mul().set(x);
  emitExp(f, x, t0, t1); // stack: e
  f.set(t1);
  // big = (1 - e) / (1 + e)
  f.vconst(1).get(t1).f32x4Sub().vconst(1).get(t1).f32x4Add().f32x4Div().set(t1);
  // small = poly(|x|) = y + y^3 (c3 + y2 (c5 + y2 (c7 + y2 (c9 + y2 c11))))
  f.get(t2).get(t2).f32x4Mul().set(t0); // y2
  f.vconst(-1382 / 155925)
    .get(t0)
    .f32x4Mul()
    .vconst(62 / 2835)
    .f32x4Add()
    .get(t0)
    .f32x4Mul()
    .vconst(-17 / 315)
    .f32x4Add()
    .get(t0)
    .f32x4Mul()
    .vconst(2 / 15)
    .f32x4Add()
    .get(t0)
    .f32x4Mul()
    .vconst(-1 / 3)
    .f32x4Add()
    .get(t0)
    .f32x4Mul()
    .get(t2)
    .f32x4Mul()
    .get(t2)
    .f32x4Add();
  // select(small, big, |x| < 0.3)
  f.get(t1);
  f.get(t2).vconst(0.3).f32x4Lt();
  f.v128Bitselect();
  f.get(t3).v128Or();
}

/**
 * Row/column loop scaffold for the element-wise step kernels: for b < B, for o < Hp*4 step 16.
 * The first two parameters are B and Hp. Each of `rowPtrs` (a pointer parameter and its row
 * stride parameter, in elements) gets a row-base local advanced by the stride after every row.
 */
function elementwise<L>(
  name: string,
  params: string[],
  rowPtrs: Array<{ ptr: number; ld: number }>,
  setup: (f: FnBuilder) => L,
  body: (f: FnBuilder, o: number, rows: number[], hpB: number, l: L) => void,
): FnBuilder {
  const f = new FnBuilder(name, params);
  const l = setup(f);
  const B = 0;
  const Hp = 1;
  const hpB = f.local(I32, 'hpB');
  const o = f.local(I32, 'o');
  const b = f.local(I32, 'b');
  const rows = rowPtrs.map((r) => f.local(I32, `${params[r.ptr]}_row`));
  const lds = rowPtrs.map((r) => f.local(I32, `${params[r.ptr]}_ldB`));
  f.get(Hp).i32(2).i32Shl().set(hpB);
  rowPtrs.forEach((r, i) => {
    f.get(r.ptr).set(rows[i]);
    f.get(r.ld).i32(2).i32Shl().set(lds[i]);
  });
  f.i32(0).set(b);
  f.block();
  f.get(B).i32Eqz().brIf(0);
  f.get(Hp).i32Eqz().brIf(0);
  f.loop(); // rows
  f.i32(0).set(o);
  f.loop(); // cols
  body(f, o, rows, hpB, l);
  f.get(o).i32(16).i32Add().tee(o).get(hpB).i32LtS().brIf(0);
  f.end();
  rowPtrs.forEach((_, i) => f.get(rows[i]).get(lds[i]).i32Add().set(rows[i]));
  f.get(b).i32(1).i32Add().tee(b).get(B).i32LtS().brIf(0);
  f.end();
  f.end();
  return f;
}

/**
 * The GEMM driver over micro-tiles: n-blocks outer, m-blocks inner, so a K x 4nr panel of B stays
 * in L1 while the rows of A (the small [batch x Hp] state in the per-step products) stream past
 * it. `packed`: B is in panels (packPanels), panel n at pB + n·K floats with rows of 4nr floats,
 * so a panel is one contiguous stream whatever B's row stride was (gemmP); otherwise B is read in
 * place with row stride ldb (gemm).
 */
function gemmDriver(name: string, mk: Map<string, number>, packed: boolean): FnBuilder {
  const f = new FnBuilder(
    name,
    packed
      ? ['M', 'N', 'K', 'pA', 'sam', 'sak', 'pP', 'pC', 'ldc', 'acc']
      : ['M', 'N', 'K', 'pA', 'sam', 'sak', 'pB', 'ldb', 'pC', 'ldc', 'acc'],
  );
  const [M, N, K, pa, sam, sak, pb] = [0, 1, 2, 3, 4, 5, 6];
  const [ldb, pc, ldc, acc] = packed ? [-1, 7, 8, 9] : [7, 8, 9, 10];
  const samB = f.local(I32, 'samB'),
    sakB = f.local(I32, 'sakB'),
    ldbB = f.local(I32, 'ldbB'),
    ldcB = f.local(I32, 'ldcB');
  const m = f.local(I32, 'm'),
    n = f.local(I32, 'n'),
    paRow = f.local(I32, 'paRow'),
    pcRow = f.local(I32, 'pcRow');
  f.get(sam).i32(2).i32Shl().set(samB);
  f.get(sak).i32(2).i32Shl().set(sakB);
  if (!packed) f.get(ldb).i32(2).i32Shl().set(ldbB);
  f.get(ldc).i32(2).i32Shl().set(ldcB);
  f.i32(0).set(n);
  for (const nr of [NR, 1]) {
    // a panel's rows are 4nr floats apart
    if (packed) f.i32(16 * nr).set(ldbB);
    f.block().loop();
    f.get(N)
      .get(n)
      .i32Sub()
      .i32(4 * nr)
      .i32LtS()
      .brIf(1);
    f.i32(0).set(m);
    for (const mr of [MR, 1]) {
      f.block().loop();
      f.get(M).get(m).i32Sub().i32(mr).i32LtS().brIf(1);
      f.get(pa).get(m).get(samB).i32Mul().i32Add().set(paRow);
      f.get(pc).get(m).get(ldcB).i32Mul().i32Add().get(n).i32(2).i32Shl().i32Add().set(pcRow);
      f.get(paRow).get(samB).get(sakB).get(pb).get(n);
      if (packed) f.get(K).i32Mul();
      f.i32(2)
        .i32Shl()
        .i32Add()
        .get(ldbB)
        .get(pcRow)
        .get(ldcB)
        .get(K)
        .get(acc)
        .call(mk.get(`${mr}x${nr}`)!);
      f.get(m).i32(mr).i32Add().set(m);
      f.br(0).end().end();
    }
    f.get(n)
      .i32(4 * nr)
      .i32Add()
      .set(n);
    f.br(0).end().end();
  }
  return f;
}

/**
 * pack(K, N, pB, ldb, pP): B [K x N] (row stride ldb, N % 4 == 0) into panels of 4·NR columns,
 * each [K][4·NR] and contiguous, then one [K][4] panel for the last 4 columns when N % (4·NR) is 4.
 * The panels are what gemmP reads: a panel whose rows lay ldb floats apart becomes one stream
 * (rows of a power-of-two stride share few L1 sets and evict each other; see blocking.ts).
 */
function packPanels(): FnBuilder {
  const f = new FnBuilder('pack', ['K', 'N', 'pB', 'ldb', 'pP']);
  const [K, N, pb, ldb, pp] = [0, 1, 2, 3, 4];
  const ldbB = f.local(I32, 'ldbB'),
    n = f.local(I32, 'n'),
    k = f.local(I32, 'k'),
    src = f.local(I32, 'src');
  f.get(ldb).i32(2).i32Shl().set(ldbB);
  f.i32(0).set(n);
  for (const nr of [NR, 1]) {
    f.block().loop();
    f.get(N)
      .get(n)
      .i32Sub()
      .i32(4 * nr)
      .i32LtS()
      .brIf(1);
    f.get(pb).get(n).i32(2).i32Shl().i32Add().set(src);
    f.get(K).set(k);
    f.block();
    f.get(k).i32Eqz().brIf(0);
    f.loop();
    for (let j = 0; j < nr; j++)
      f.get(pp)
        .get(src)
        .v128LoadU(16 * j)
        .v128Store(16 * j);
    f.get(src).get(ldbB).i32Add().set(src);
    f.get(pp)
      .i32(16 * nr)
      .i32Add()
      .set(pp);
    f.get(k).i32(1).i32Sub().tee(k).brIf(0);
    f.end();
    f.end();
    f.get(n)
      .i32(4 * nr)
      .i32Add()
      .set(n);
    f.br(0).end().end();
  }
  return f;
}

export function buildGruWasmModule(): Uint8Array {
  const mod = new ModuleBuilder('gru');
  const mk = new Map<string, number>();
  for (const [mr, nr] of [
    [MR, NR],
    [MR, 1],
    [1, NR],
    [1, 1],
  ]) {
    const key = `${mr}x${nr}`;
    if (!mk.has(key)) mk.set(key, mod.add(microKernel(mr, nr), false));
  }

  mod.add(gemmDriver('gemm', mk, false));

  // ---- dotNT
  {
    const f = new FnBuilder('dotNT', ['M', 'N', 'K', 'pA', 'lda', 'pB', 'ldb', 'pC', 'ldc']);
    const [M, N, K, pa, lda, pb, ldb, pc, ldc] = [0, 1, 2, 3, 4, 5, 6, 7, 8];
    const m = f.local(I32, 'm'),
      n = f.local(I32, 'n'),
      k = f.local(I32, 'k');
    const ra = f.local(I32, 'ra'),
      rb = f.local(I32, 'rb'),
      pcRow = f.local(I32, 'pcRow');
    const s = f.local(V128, 's');
    f.block();
    f.get(M).i32Eqz().brIf(0);
    f.get(N).i32Eqz().brIf(0);
    f.i32(0).set(m);
    f.loop();
    f.get(pc).get(m).get(ldc).i32Mul().i32(2).i32Shl().i32Add().set(pcRow);
    f.i32(0).set(n);
    f.loop();
    f.get(pa).get(m).get(lda).i32Mul().i32(2).i32Shl().i32Add().set(ra);
    f.get(pb).get(n).get(ldb).i32Mul().i32(2).i32Shl().i32Add().set(rb);
    f.vconst(0).set(s);
    f.i32(0).set(k);
    f.block();
    f.get(K).i32Eqz().brIf(0);
    f.loop();
    f.get(s).get(ra).v128LoadU().get(rb).v128LoadU().f32x4Mul().f32x4Add().set(s);
    f.get(ra).i32(16).i32Add().set(ra);
    f.get(rb).i32(16).i32Add().set(rb);
    f.get(k).i32(4).i32Add().tee(k).get(K).i32LtS().brIf(0);
    f.end();
    f.end();
    f.get(pcRow).get(n).i32(2).i32Shl().i32Add();
    f.get(s)
      .f32x4ExtractLane(0)
      .get(s)
      .f32x4ExtractLane(1)
      .f32Add()
      .get(s)
      .f32x4ExtractLane(2)
      .get(s)
      .f32x4ExtractLane(3)
      .f32Add()
      .f32Add();
    f.f32Store();
    f.get(n).i32(1).i32Add().tee(n).get(N).i32LtS().brIf(0);
    f.end();
    f.get(m).i32(1).i32Add().tee(m).get(M).i32LtS().brIf(0);
    f.end();
    f.end();
    mod.add(f);
  }

  // ---- forward step, part 1: z = σ(.), r = σ(.), RH = r ⊙ h_{t-1}
  // params: B, Hp, pG, ldG, pHprev, ldH, pRH, ldRH
  mod.add(
    elementwise(
      'fwdZR',
      ['B', 'Hp', 'pG', 'ldG', 'pHprev', 'ldH', 'pRH', 'ldRH'],
      [
        { ptr: 2, ld: 3 },
        { ptr: 4, ld: 5 },
        { ptr: 6, ld: 7 },
      ],
      (f) => ({ x: f.local(V128, 'x'), t0: f.local(V128, 't0'), t1: f.local(V128, 't1'), pz: f.local(I32, 'pz') }),
      (f, o, rows, hpB, { x, t0, t1, pz }) => {
        const [rG, rH, rRH] = rows;
        f.get(rG).get(o).i32Add().set(pz);
        // z
        f.get(pz).v128LoadU().set(x);
        f.get(pz);
        emitSigmoid(f, x, t0, t1);
        f.v128Store();
        // r
        f.get(pz).get(hpB).i32Add().tee(pz).v128LoadU().set(x);
        emitSigmoid(f, x, t0, t1);
        f.set(t1);
        f.get(pz).get(t1).v128Store();
        f.get(rRH).get(o).i32Add();
        f.get(t1).get(rH).get(o).i32Add().v128LoadU().f32x4Mul();
        f.v128Store();
      },
    ),
  );

  // ---- forward step, part 2: h̃ = tanh(.), h = h_{t-1} + z (h̃ - h_{t-1})
  // params: B, Hp, pG, ldG, pHprev, ldH, pHnext   (pHnext shares ldH)
  mod.add(
    elementwise(
      'fwdH',
      ['B', 'Hp', 'pG', 'ldG', 'pHprev', 'ldH', 'pHnext'],
      [
        { ptr: 2, ld: 3 },
        { ptr: 4, ld: 5 },
        { ptr: 6, ld: 5 },
      ],
      (f) => ({
        x: f.local(V128, 'x'),
        t0: f.local(V128, 't0'),
        t1: f.local(V128, 't1'),
        t2: f.local(V128, 't2'),
        t3: f.local(V128, 't3'),
        p: f.local(I32, 'p'),
        hp: f.local(V128, 'hp'),
      }),
      (f, o, rows, hpB, { x, t0, t1, t2, t3, p, hp }) => {
        const [rG, rH, rHn] = rows;
        f.get(rG).get(o).i32Add().get(hpB).i32Add().get(hpB).i32Add().tee(p).v128LoadU().set(x);
        emitTanh(f, x, t0, t1, t2, t3);
        f.set(t1);
        f.get(p).get(t1).v128Store();
        f.get(rH).get(o).i32Add().v128LoadU().set(hp);
        f.get(rHn).get(o).i32Add();
        f.get(hp);
        f.get(rG).get(o).i32Add().v128LoadU();
        f.get(t1).get(hp).f32x4Sub().f32x4Mul().f32x4Add();
        f.v128Store();
      },
    ),
  );

  // ---- backward step, part 1
  // params: B, Hp, pG, ldG, pHprev, ldH, pDH, pDHprev, ldDH, pDG, ldDG
  // dGz = dh (h̃ - h_{t-1}) z (1 - z);  dGh = dh z (1 - h̃²);  dHprev += dh (1 - z)
  mod.add(
    elementwise(
      'bwd1',
      ['B', 'Hp', 'pG', 'ldG', 'pHprev', 'ldH', 'pDH', 'pDHprev', 'ldDH', 'pDG', 'ldDG'],
      [
        { ptr: 2, ld: 3 },
        { ptr: 4, ld: 5 },
        { ptr: 6, ld: 8 },
        { ptr: 7, ld: 8 },
        { ptr: 9, ld: 10 },
      ],
      (f) => ({
        z: f.local(V128, 'z'),
        hc: f.local(V128, 'hc'),
        dh: f.local(V128, 'dh'),
        hp: f.local(V128, 'hp'),
        pg: f.local(I32, 'pg'),
        pd: f.local(I32, 'pd'),
        q: f.local(I32, 'q'),
      }),
      (f, o, rows, hpB, { z, hc, dh, hp, pg, pd, q }) => {
        const [rG, rH, rDH, rDHp, rDG] = rows;
        f.get(rG).get(o).i32Add().tee(pg).v128LoadU().set(z);
        f.get(pg).get(hpB).i32Add().get(hpB).i32Add().v128LoadU().set(hc);
        f.get(rH).get(o).i32Add().v128LoadU().set(hp);
        f.get(rDH).get(o).i32Add().v128LoadU().set(dh);
        f.get(rDG).get(o).i32Add().set(pd);
        // dGz
        f.get(pd);
        f.get(dh).get(hc).get(hp).f32x4Sub().f32x4Mul().get(z).f32x4Mul().vconst(1).get(z).f32x4Sub().f32x4Mul();
        f.v128Store();
        // dGh
        f.get(pd).get(hpB).i32Add().get(hpB).i32Add();
        f.get(dh).get(z).f32x4Mul().vconst(1).get(hc).get(hc).f32x4Mul().f32x4Sub().f32x4Mul();
        f.v128Store();
        // dHprev += dh (1 - z)
        f.get(rDHp).get(o).i32Add().tee(q);
        f.get(q).v128LoadU().get(dh).vconst(1).get(z).f32x4Sub().f32x4Mul().f32x4Add();
        f.v128Store();
      },
    ),
  );

  // ---- backward step, part 2
  // params: B, Hp, pG, ldG, pHprev, ldH, pDRH, ldDRH, pDHprev, ldDH, pDG, ldDG
  // dGr = dRH h_{t-1} r (1 - r);  dHprev += dRH r
  mod.add(
    elementwise(
      'bwd2',
      ['B', 'Hp', 'pG', 'ldG', 'pHprev', 'ldH', 'pDRH', 'ldDRH', 'pDHprev', 'ldDH', 'pDG', 'ldDG'],
      [
        { ptr: 2, ld: 3 },
        { ptr: 4, ld: 5 },
        { ptr: 6, ld: 7 },
        { ptr: 8, ld: 9 },
        { ptr: 10, ld: 11 },
      ],
      (f) => ({ r: f.local(V128, 'r'), drh: f.local(V128, 'drh'), q: f.local(I32, 'q') }),
      (f, o, rows, hpB, { r, drh, q }) => {
        const [rG, rH, rDRH, rDHp, rDG] = rows;
        f.get(rG).get(o).i32Add().get(hpB).i32Add().v128LoadU().set(r);
        f.get(rDRH).get(o).i32Add().v128LoadU().set(drh);
        f.get(rDG).get(o).i32Add().get(hpB).i32Add();
        f.get(drh).get(rH).get(o).i32Add().v128LoadU().f32x4Mul().get(r).f32x4Mul().vconst(1).get(r).f32x4Sub().f32x4Mul();
        f.v128Store();
        f.get(rDHp).get(o).i32Add().tee(q);
        f.get(q).v128LoadU().get(drh).get(r).f32x4Mul().f32x4Add();
        f.v128Store();
      },
    ),
  );

  // ---- the blocked path (blocking.ts): weights and long-K operands packed into panels
  mod.add(packPanels());
  mod.add(gemmDriver('gemmP', mk, true));

  return mod.encode();
}
