/**
 * GRU forward / BPTT backward on a run-time generated WebAssembly SIMD module (see wasm/module.ts).
 *
 * Padding. The hidden size is padded to Hp = ceil(H/4)*4 so every vector op covers whole lanes.
 * Padding units have zero rows/columns in W, U and b, so z = σ(0) = 1/2, h̃ = tanh(0) = 0 and
 * h = h_prev/2 = 0 forever (h_0 = 0); they never feed a real unit (their U rows are zero) and
 * their gradients are zero (dH is zero there). Results are cut back to H on the way out.
 *
 * Layouts inside wasm memory (floats; Ia = I + 1, a ones column folds the bias into W):
 *   saved by forward (one block per tape):
 *     Ua [Hp][3Hp]  Wa [Ia][3Hp]  Xa [B][T][Ia]
 *     G  [B][T][3Hp]  pre-activations, then activated gates z, r, h̃
 *     Hs [B][T+1][Hp] h_0 = 0 .. h_T
 *     RH [B][T][Hp]   r_t ⊙ h_{t-1}
 *   backward scratch (one block, freed after each backward):
 *     UT [3Hp][Hp]  DH [B][T+1][Hp]  DG [B][T][3Hp]  DRH [B][Hp]  dU [Hp][3Hp]  dWa [Ia][3Hp]  dX [B][T][I]
 *
 * Per time step the batch is one matrix: forward does G_t[:,0:2Hp] += H_{t-1}·U_zr, the gate
 * nonlinearities, G_t[:,2Hp:] += RH_t·U_h, then h_t; backward does the element-wise part,
 * dRH = dG_h·U_hᵀ, dG_r, and dH_{t-1} += dG_zr·U_zrᵀ. x·W + b for all steps, and dU, dW, db,
 * dX after the loop, are single long-K matrix products.
 *
 * Memory. Blocks come from a first-fit free-list allocator over one growable WebAssembly.Memory,
 * so a steady training loop (forward, backward, forward, ...) reuses the same addresses and never
 * allocates inside the time loop. A tape that is never backpropagated is freed by a
 * FinalizationRegistry when it is garbage collected, and saved activations are capped
 * (SAVED_BYTES_CAP): over the cap the oldest tapes are evicted and recompute their forward pass
 * if they are backpropagated later.
 */

import { type GemmPath, gemmPathFor, LONG_K_BLOCK } from './blocking';
import {
  checkGruInputs,
  type GruDims,
  type GruForwardOptions,
  type GruForwardResult,
  type GruGradients,
  type GruKernel,
  type GruParams,
  type GruTape,
} from './types';
import type { GruWasmExports } from './wasm/module';

const PAGE = 65536;
const ALIGN = 64;
/** Upper bound on live saved activations before the oldest tapes are evicted. */
const SAVED_BYTES_CAP = 768 * 1024 * 1024;
/** Rows per chunk for forward-only calls (bounds memory for large inference batches). */
const INFERENCE_ROWS = 256;

interface Block {
  off: number;
  size: number;
  freed: boolean;
}

class Arena {
  readonly memory: WebAssembly.Memory;
  private top = ALIGN; // keep address 0 unused
  private free: Array<{ off: number; size: number }> = [];

  constructor() {
    this.memory = new WebAssembly.Memory({ initial: 16 });
  }

  alloc(bytes: number): Block {
    const size = Math.max(ALIGN, Math.ceil(bytes / ALIGN) * ALIGN);
    for (let i = 0; i < this.free.length; i++) {
      const f = this.free[i];
      if (f.size >= size) {
        const block = { off: f.off, size, freed: false };
        if (f.size === size) this.free.splice(i, 1);
        else {
          f.off += size;
          f.size -= size;
        }
        return block;
      }
    }
    const off = this.top;
    const end = off + size;
    const have = this.memory.buffer.byteLength;
    if (end > have) {
      const pages = Math.ceil((end - have) / PAGE);
      this.memory.grow(pages); // throws RangeError when the engine cannot grow
    }
    this.top = end;
    return { off, size, freed: false };
  }

  release(block: Block): void {
    if (block.freed) return;
    block.freed = true;
    let { off, size } = block;
    // insert sorted, coalesce with neighbours
    let i = 0;
    while (i < this.free.length && this.free[i].off < off) i++;
    const prev = this.free[i - 1];
    const next = this.free[i];
    if (prev && prev.off + prev.size === off) {
      off = prev.off;
      size += prev.size;
      this.free.splice(i - 1, 1);
      i--;
    }
    if (next && off + size === next.off) {
      size += next.size;
      this.free.splice(i, 1);
    }
    if (off + size === this.top) this.top = off;
    else this.free.splice(i, 0, { off, size });
  }

  get bytesInUse(): number {
    return this.top - this.free.reduce((s, f) => s + f.size, 0);
  }
}

/** Byte offsets of one forward block. */
interface FwdLayout {
  Hp: number;
  Ia: number;
  Ua: number;
  Wa: number;
  Xa: number;
  G: number;
  Hs: number;
  RH: number;
  /** the blocked path's packed U_zr [Hp x 2Hp] then U_h [Hp x Hp] (blocking.ts); -1 on the plain path */
  P: number;
  path: GemmPath;
  bytes: number;
}

function fwdLayout(d: GruDims, path: GemmPath): FwdLayout {
  const Hp = (d.hidden + 3) & ~3;
  const Ia = d.input + 1;
  const { batch: B, time: T } = d;
  let o = 0;
  const take = (floats: number) => {
    const at = o;
    o += Math.ceil((floats * 4) / ALIGN) * ALIGN;
    return at;
  };
  const Ua = take(Hp * 3 * Hp);
  const Wa = take(Ia * 3 * Hp);
  const Xa = take(B * T * Ia);
  const G = take(B * T * 3 * Hp);
  const Hs = take(B * (T + 1) * Hp);
  const RH = take(B * T * Hp);
  const P = path === 'blocked' ? take(3 * Hp * Hp) : -1;
  return { Hp, Ia, Ua, Wa, Xa, G, Hs, RH, P, path, bytes: o };
}

interface BwdLayout {
  UT: number;
  DH: number;
  DG: number;
  DRH: number;
  dU: number;
  dWa: number;
  dX: number;
  /** blocked path: packed Uᵀ_zr [2Hp x Hp], Uᵀ_h [Hp x Hp], and one packed block of DG; -1 plain */
  PT: number;
  PDG: number;
  bytes: number;
}

function bwdLayout(d: GruDims, Hp: number, Ia: number, path: GemmPath): BwdLayout {
  const { batch: B, time: T, input: I } = d;
  const blocked = path === 'blocked';
  let o = 0;
  const take = (floats: number) => {
    const at = o;
    o += Math.ceil((floats * 4) / ALIGN) * ALIGN;
    return at;
  };
  const UT = take(3 * Hp * Hp);
  const DH = take(B * (T + 1) * Hp);
  const DG = take(B * T * 3 * Hp);
  const DRH = take(B * Hp);
  const dU = take(Hp * 3 * Hp);
  const dWa = take(Ia * 3 * Hp);
  const dX = take(B * T * I);
  const PT = blocked ? take(3 * Hp * Hp) : -1;
  const PDG = blocked ? take(Math.max(T * 2 * Hp, Math.min(LONG_K_BLOCK, B * T) * Hp)) : -1;
  return { UT, DH, DG, DRH, dU, dWa, dX, PT, PDG, bytes: o };
}

class WasmTape implements GruTape {
  readonly kind = 'wasm' as const;
  block: Block | null;
  constructor(
    readonly owner: WasmGruKernel,
    readonly dims: GruDims,
    readonly x: Float32Array,
    readonly params: GruParams,
    block: Block,
    readonly layout: FwdLayout,
  ) {
    this.block = block;
  }
  release(): void {
    this.owner.releaseTape(this);
  }
}

export class WasmGruKernel implements GruKernel {
  readonly kind = 'wasm' as const;
  private readonly ex: GruWasmExports;
  /** live tapes in creation order (for eviction) */
  private readonly live = new Set<WasmTape>();
  private liveBytes = 0;
  private readonly registry: FinalizationRegistry<Block> | null;
  /** 'auto': blocking.ts's rule by size; 'plain' or 'blocked' force a path (tests, benches). Same bits either way. */
  gemmPath: GemmPath | 'auto' = 'auto';

  /**
   * Instantiates a compiled module (see kernel.ts, which compiles it and reports any failure).
   * Synchronous: fine in Node and in workers.
   */
  static instantiate(module: WebAssembly.Module): WasmGruKernel {
    const arena = new Arena();
    return new WasmGruKernel(arena, new WebAssembly.Instance(module, { env: { memory: arena.memory } }));
  }

  private constructor(
    private readonly arena: Arena,
    instance: WebAssembly.Instance,
  ) {
    this.ex = instance.exports as unknown as GruWasmExports;
    this.registry =
      typeof FinalizationRegistry === 'function'
        ? new FinalizationRegistry<Block>((block) => {
            if (!block.freed) {
              this.liveBytes -= block.size;
              this.arena.release(block);
            }
          })
        : null;
  }

  /** Bytes of wasm memory currently allocated (diagnostics / tests). */
  get bytesInUse(): number {
    return this.arena.bytesInUse;
  }

  get liveTapes(): number {
    return this.live.size;
  }

  releaseTape(tape: WasmTape): void {
    const block = tape.block;
    if (!block) return;
    tape.block = null;
    this.live.delete(tape);
    this.registry?.unregister(tape);
    if (!block.freed) {
      this.liveBytes -= block.size;
      this.arena.release(block);
    }
  }

  private allocSaved(bytes: number): Block {
    while (this.liveBytes + bytes > SAVED_BYTES_CAP && this.live.size > 0) {
      const oldest = this.live.values().next().value as WasmTape;
      this.releaseTape(oldest);
    }
    for (;;) {
      try {
        const b = this.arena.alloc(bytes);
        this.liveBytes += b.size;
        return b;
      } catch (e) {
        if (this.live.size === 0) throw e;
        const oldest = this.live.values().next().value as WasmTape;
        this.releaseTape(oldest);
      }
    }
  }

  forward(dims: GruDims, x: Float32Array, params: GruParams, options: GruForwardOptions = {}): GruForwardResult {
    checkGruInputs(dims, x, params);
    const save = options.saveForBackward ?? true;
    const { batch: B, time: T, input: I, hidden: H } = dims;
    const h = new Float32Array(B * T * H);
    if (!save) {
      // forward only: run the batch in row chunks through one temporary block
      const rows = Math.max(1, Math.min(B, INFERENCE_ROWS));
      const cd: GruDims = { batch: rows, time: T, input: I, hidden: H };
      const layout = fwdLayout(cd, this.pathFor(dims));
      const block = this.arena.alloc(layout.bytes);
      try {
        for (let b0 = 0; b0 < B; b0 += rows) {
          const n = Math.min(rows, B - b0);
          const sub: GruDims = { batch: n, time: T, input: I, hidden: H };
          this.runForward(sub, x.subarray(b0 * T * I, (b0 + n) * T * I), params, block.off, layout);
          this.readOutput(sub, block.off, layout, h.subarray(b0 * T * H, (b0 + n) * T * H));
        }
      } finally {
        this.arena.release(block);
      }
      return { h, tape: null };
    }
    const layout = fwdLayout(dims, this.pathFor(dims));
    const block = this.allocSaved(layout.bytes);
    this.runForward(dims, x, params, block.off, layout);
    this.readOutput(dims, block.off, layout, h);
    const tape = new WasmTape(this, dims, x, params, block, layout);
    this.live.add(tape);
    this.registry?.register(tape, block, tape);
    return { h, tape };
  }

  backward(tape: GruTape, dH: Float32Array): GruGradients {
    if (!(tape instanceof WasmTape) || tape.owner !== this) {
      throw new Error('WasmGruKernel.backward: tape was not made by this kernel');
    }
    const dims = tape.dims;
    const { batch: B, time: T, hidden: H } = dims;
    if (dH.length !== B * T * H) throw new Error(`GRU backward: dH has ${dH.length} values, expected B*T*H`);
    const L = tape.layout;
    let block = tape.block;
    if (!block) {
      // evicted or already consumed: recompute the forward pass
      block = this.arena.alloc(L.bytes);
      this.runForward(dims, tape.x, tape.params, block.off, L);
    } else {
      tape.block = null;
      this.live.delete(tape);
      this.registry?.unregister(tape);
      this.liveBytes -= block.size;
    }
    const BL = bwdLayout(dims, L.Hp, L.Ia, L.path);
    let scratch: Block | null = null;
    try {
      scratch = this.arena.alloc(BL.bytes);
      return this.runBackward(dims, block.off, L, scratch.off, BL, dH);
    } finally {
      if (scratch) this.arena.release(scratch);
      this.arena.release(block);
    }
  }

  private pathFor(dims: GruDims): GemmPath {
    return this.gemmPath === 'auto' ? gemmPathFor(dims) : this.gemmPath;
  }

  // ------------------------------------------------------------------------------------------

  private runForward(d: GruDims, x: Float32Array, p: GruParams, base: number, L: FwdLayout): void {
    const { batch: B, time: T, input: I, hidden: H } = d;
    const { Hp, Ia } = L;
    const G3 = 3 * Hp;
    const mem = this.arena.memory.buffer;
    const f = new Float32Array(mem);
    const e = this.ex;
    const Ua = base + L.Ua,
      Wa = base + L.Wa,
      Xa = base + L.Xa,
      G = base + L.G,
      Hs = base + L.Hs,
      RH = base + L.RH;
    // padded weights
    {
      const ua = Ua >> 2;
      f.fill(0, ua, ua + Hp * G3);
      const U = p.recurrentKernel;
      for (let k = 0; k < H; k++) {
        for (let g = 0; g < 3; g++) {
          f.set(U.subarray(k * 3 * H + g * H, k * 3 * H + (g + 1) * H), ua + k * G3 + g * Hp);
        }
      }
      const wa = Wa >> 2;
      f.fill(0, wa, wa + Ia * G3);
      const W = p.kernel;
      for (let i = 0; i < I; i++) {
        for (let g = 0; g < 3; g++) f.set(W.subarray(i * 3 * H + g * H, i * 3 * H + (g + 1) * H), wa + i * G3 + g * Hp);
      }
      for (let g = 0; g < 3; g++) f.set(p.bias.subarray(g * H, (g + 1) * H), wa + I * G3 + g * Hp);
    }
    // Xa = [x, 1]
    {
      const xa = Xa >> 2;
      const n = B * T;
      if (I === 1) {
        for (let r = 0; r < n; r++) {
          f[xa + 2 * r] = x[r];
          f[xa + 2 * r + 1] = 1;
        }
      } else {
        for (let r = 0; r < n; r++) {
          f.set(x.subarray(r * I, (r + 1) * I), xa + r * Ia);
          f[xa + r * Ia + I] = 1;
        }
      }
    }
    if (B === 0 || T === 0) return;
    // h_0 = 0
    {
      const hs = Hs >> 2;
      const ld = (T + 1) * Hp;
      for (let b = 0; b < B; b++) f.fill(0, hs + b * ld, hs + b * ld + Hp);
    }
    // G = Xa · Wa  (x W + b for all steps at once)
    e.gemm(B * T, G3, Ia, Xa, Ia, 1, Wa, G3, G, G3, 0);
    const ldH = (T + 1) * Hp;
    const ldG = T * G3;
    const ldRH = T * Hp;
    const hpB = Hp * 4;
    if (L.path === 'blocked') {
      const Pzr = base + L.P;
      const Ph = Pzr + 2 * Hp * hpB;
      e.pack(Hp, 2 * Hp, Ua, G3, Pzr);
      e.pack(Hp, Hp, Ua + 2 * hpB, G3, Ph);
      for (let t = 0; t < T; t++) {
        const pHprev = Hs + t * hpB;
        const pG = G + t * G3 * 4;
        const pRH = RH + t * hpB;
        e.gemmP(B, 2 * Hp, Hp, pHprev, ldH, 1, Pzr, pG, ldG, 1);
        e.fwdZR(B, Hp, pG, ldG, pHprev, ldH, pRH, ldRH);
        e.gemmP(B, Hp, Hp, pRH, ldRH, 1, Ph, pG + 2 * hpB, ldG, 1);
        e.fwdH(B, Hp, pG, ldG, pHprev, ldH, pHprev + hpB);
      }
      return;
    }
    for (let t = 0; t < T; t++) {
      const pHprev = Hs + t * hpB;
      const pG = G + t * G3 * 4;
      const pRH = RH + t * hpB;
      e.gemm(B, 2 * Hp, Hp, pHprev, ldH, 1, Ua, G3, pG, ldG, 1);
      e.fwdZR(B, Hp, pG, ldG, pHprev, ldH, pRH, ldRH);
      e.gemm(B, Hp, Hp, pRH, ldRH, 1, Ua + 2 * hpB, G3, pG + 2 * hpB, ldG, 1);
      e.fwdH(B, Hp, pG, ldG, pHprev, ldH, pHprev + hpB);
    }
  }

  private readOutput(d: GruDims, base: number, L: FwdLayout, h: Float32Array): void {
    const { batch: B, time: T, hidden: H } = d;
    const { Hp } = L;
    const f = new Float32Array(this.arena.memory.buffer);
    const hs = (base + L.Hs) >> 2;
    for (let b = 0; b < B; b++) {
      const src = hs + (b * (T + 1) + 1) * Hp;
      if (H === Hp) h.set(f.subarray(src, src + T * H), b * T * H);
      else for (let t = 0; t < T; t++) h.set(f.subarray(src + t * Hp, src + t * Hp + H), (b * T + t) * H);
    }
  }

  /**
   * The time loop and dU on the blocked path: the same products, in the same order into every
   * element, as the plain path in runBackward, with their right-hand matrices packed (blocking.ts).
   */
  private bpttBlocked(d: GruDims, L: FwdLayout, base: number, sbase: number, S: BwdLayout): void {
    const { batch: B, time: T } = d;
    const { Hp } = L;
    const G3 = 3 * Hp;
    const hpB = Hp * 4;
    const ldH = (T + 1) * Hp;
    const ldG = T * G3;
    const e = this.ex;
    const G = base + L.G,
      Hs = base + L.Hs,
      RH = base + L.RH;
    const UT = sbase + S.UT,
      DH = sbase + S.DH,
      DG = sbase + S.DG,
      DRH = sbase + S.DRH,
      dU = sbase + S.dU,
      PDG = sbase + S.PDG;
    const PTzr = sbase + S.PT;
    const PTh = PTzr + 2 * Hp * hpB;
    e.pack(2 * Hp, Hp, UT, Hp, PTzr);
    e.pack(Hp, Hp, UT + 2 * Hp * hpB, Hp, PTh);
    for (let t = T - 1; t >= 0; t--) {
      const pHprev = Hs + t * hpB;
      const pG = G + t * G3 * 4;
      const pDG = DG + t * G3 * 4;
      const pDHprev = DH + t * hpB;
      e.bwd1(B, Hp, pG, ldG, pHprev, ldH, pDHprev + hpB, pDHprev, ldH, pDG, ldG);
      e.gemmP(B, Hp, Hp, pDG + 2 * hpB, ldG, 1, PTh, DRH, Hp, 0);
      e.bwd2(B, Hp, pG, ldG, pHprev, ldH, DRH, Hp, pDHprev, ldH, pDG, ldG);
      e.gemmP(B, Hp, 2 * Hp, pDG, ldG, 1, PTzr, pDHprev, ldH, 1);
    }
    // dU[:, 0:2Hp] = Σ_b Hs[b][0..T-1]ᵀ · DG[b][:, 0:2Hp], one sequence's gate gradients packed at a time
    for (let b = 0; b < B; b++) {
      e.pack(T, 2 * Hp, DG + b * ldG * 4, G3, PDG);
      e.gemmP(Hp, 2 * Hp, T, Hs + b * ldH * 4, 1, Hp, PDG, dU, G3, b > 0 ? 1 : 0);
    }
    // dU[:, 2Hp:] = RHᵀ · DG[:, 2Hp:], LONG_K_BLOCK rows at a time, accumulated in row order
    for (let k0 = 0; k0 < B * T; k0 += LONG_K_BLOCK) {
      const kc = Math.min(LONG_K_BLOCK, B * T - k0);
      e.pack(kc, Hp, DG + (k0 * G3 + 2 * Hp) * 4, G3, PDG);
      e.gemmP(Hp, Hp, kc, RH + k0 * hpB, 1, Hp, PDG, dU + 2 * hpB, G3, k0 > 0 ? 1 : 0);
    }
  }

  private runBackward(d: GruDims, base: number, L: FwdLayout, sbase: number, S: BwdLayout, dH: Float32Array): GruGradients {
    const { batch: B, time: T, input: I, hidden: H } = d;
    const { Hp, Ia } = L;
    const G3 = 3 * Hp;
    const f = new Float32Array(this.arena.memory.buffer);
    const e = this.ex;
    const Ua = base + L.Ua,
      Wa = base + L.Wa,
      Xa = base + L.Xa,
      G = base + L.G,
      Hs = base + L.Hs,
      RH = base + L.RH;
    const UT = sbase + S.UT,
      DH = sbase + S.DH,
      DG = sbase + S.DG,
      DRH = sbase + S.DRH;
    const dU = sbase + S.dU,
      dWa = sbase + S.dWa,
      dXp = sbase + S.dX;

    const dKernel = new Float32Array(I * 3 * H);
    const dRecurrentKernel = new Float32Array(H * 3 * H);
    const dBias = new Float32Array(3 * H);
    const dX = new Float32Array(B * T * I);
    if (B === 0 || T === 0) return { dX, dKernel, dRecurrentKernel, dBias };

    // UT = Uaᵀ  [3Hp][Hp]
    {
      const ua = Ua >> 2,
        ut = UT >> 2;
      for (let k = 0; k < Hp; k++) for (let j = 0; j < G3; j++) f[ut + j * Hp + k] = f[ua + k * G3 + j];
    }
    // DH[b][1..T] = dH, padding and slot 0 zero
    {
      const dh = DH >> 2;
      const ld = (T + 1) * Hp;
      f.fill(0, dh, dh + B * ld);
      for (let b = 0; b < B; b++) {
        const dst = dh + b * ld + Hp;
        if (H === Hp) f.set(dH.subarray(b * T * H, (b + 1) * T * H), dst);
        else for (let t = 0; t < T; t++) f.set(dH.subarray((b * T + t) * H, (b * T + t + 1) * H), dst + t * Hp);
      }
    }
    const ldH = (T + 1) * Hp;
    const ldG = T * G3;
    const hpB = Hp * 4;
    if (L.path === 'blocked') this.bpttBlocked(d, L, base, sbase, S);
    else {
      for (let t = T - 1; t >= 0; t--) {
        const pHprev = Hs + t * hpB;
        const pG = G + t * G3 * 4;
        const pDG = DG + t * G3 * 4;
        const pDHprev = DH + t * hpB;
        e.bwd1(B, Hp, pG, ldG, pHprev, ldH, pDHprev + hpB, pDHprev, ldH, pDG, ldG);
        e.gemm(B, Hp, Hp, pDG + 2 * hpB, ldG, 1, UT + 2 * Hp * hpB, Hp, DRH, Hp, 0);
        e.bwd2(B, Hp, pG, ldG, pHprev, ldH, DRH, Hp, pDHprev, ldH, pDG, ldG);
        e.gemm(B, Hp, 2 * Hp, pDG, ldG, 1, UT, Hp, pDHprev, ldH, 1);
      }
      // dU[:, 0:2Hp] = Σ_b Hs[b][0..T-1]ᵀ · DG[b][:, 0:2Hp]
      for (let b = 0; b < B; b++) {
        e.gemm(Hp, 2 * Hp, T, Hs + b * ldH * 4, 1, Hp, DG + b * ldG * 4, G3, dU, G3, b > 0 ? 1 : 0);
      }
      // dU[:, 2Hp:] = RHᵀ · DG[:, 2Hp:]
      e.gemm(Hp, Hp, B * T, RH, 1, Hp, DG + 2 * hpB, G3, dU + 2 * hpB, G3, 0);
    }
    // [dW; db] = Xaᵀ · DG
    e.gemm(Ia, G3, B * T, Xa, 1, Ia, DG, G3, dWa, G3, 0);
    // dX = DG · Wᵀ
    e.dotNT(B * T, I, G3, DG, G3, Wa, G3, dXp, I);

    dX.set(f.subarray(dXp >> 2, (dXp >> 2) + B * T * I));
    const du = dU >> 2,
      dwa = dWa >> 2;
    for (let k = 0; k < H; k++) {
      for (let g = 0; g < 3; g++) {
        dRecurrentKernel.set(f.subarray(du + k * G3 + g * Hp, du + k * G3 + g * Hp + H), k * 3 * H + g * H);
      }
    }
    for (let i = 0; i < I; i++) {
      for (let g = 0; g < 3; g++) {
        dKernel.set(f.subarray(dwa + i * G3 + g * Hp, dwa + i * G3 + g * Hp + H), i * 3 * H + g * H);
      }
    }
    for (let g = 0; g < 3; g++) dBias.set(f.subarray(dwa + I * G3 + g * Hp, dwa + I * G3 + g * Hp + H), g * H);
    return { dX, dKernel, dRecurrentKernel, dBias };
  }
}
