/**
 * The explicit-gradient trainer's own WebAssembly SIMD kernels, for the work that dominated its
 * profile: the matrix products and Adam.
 *
 * The products skip zeros. MNIST images are about 81 % zeros, and ReLU outputs and their gradients
 * about half, so every product takes its left operand in compressed sparse rows (CSR, built by `csr`
 * from the dense matrix, zeros dropped, order kept) and adds `value · row of B` for the entries that
 * are there:
 *
 *   spmm:  C = A·B + bias          (forward: z = x·W + b; backward: dX = dZ·Wᵀ with Wᵀ from `transpose`)
 *   spmmT: C += Aᵀ·D               (backward: dW = xᵀ·dZ)
 *
 * Sums run in a fixed order (over A's columns, ascending; over rows, ascending), in float32 with
 * baseline SIMD only: the same inputs give the same bits on every machine. The product equals the
 * dense one up to float rounding order (a skipped term is an exact +0·b); only an Inf or NaN in B
 * facing a zero in A, which dense arithmetic would turn into NaN, is skipped.
 *
 * All arrays live in one WebAssembly.Memory per Kernels instance, allocated from an Arena up front
 * (the memory never grows afterwards, so Float32Array views stay valid).
 */
import { assemble, Fn, type Local } from './assembler.js';

/** Float32 columns handled per pass of a product (8 SIMD registers of 4). */
const BLOCK = 32;

function csrFn(): Fn {
  const f = new Fn('csr', ['i32', 'i32', 'i32', 'i32', 'i32', 'i32', 'i32'], ['i32']);
  const [a, m, k, stride, rp, ix, vl] = f.params as [Local, Local, Local, Local, Local, Local, Local];
  const r = f.local('i32');
  const p = f.local('i32');
  const e = f.local('i32');
  const row = f.local('i32');
  const at = f.local('i32');
  const x = f.local('f32');
  // Branch-free: always write the entry at e, then advance e only when it is not zero.
  const emit = (lane: number) => {
    f.get(at).loadF32(lane * 4).set(x);
    f.get(ix).get(e).i32(4).mul().add().get(p).i32(lane).add().get(stride).mul().storeI32();
    f.get(vl).get(e).i32(4).mul().add().get(x).storeF32();
    f.get(e).get(x).f32(0).fNe().add().set(e);
  };
  f.i32(0).set(e);
  f.forRange(r, () => f.i32(0), () => f.get(m), () => {
    f.get(rp).get(r).i32(4).mul().add().get(e).storeI32();
    f.get(a).get(r).get(k).mul().i32(4).mul().add().set(row);
    f.i32(0).set(p);
    f.whileTrue(
      () => f.get(p).i32(4).add().get(k).leS(),
      () => {
        f.get(row).get(p).i32(4).mul().add().tee(at).vLoad().vAnyTrue().ifThen(() => {
          for (let lane = 0; lane < 4; lane++) emit(lane);
        });
        f.get(p).i32(4).add().set(p);
      },
    );
    f.whileTrue(
      () => f.get(p).get(k).ltS(),
      () => {
        f.get(row).get(p).i32(4).mul().add().set(at);
        emit(0);
        f.get(p).i32(1).add().set(p);
      },
    );
  });
  f.get(rp).get(m).i32(4).mul().add().get(e).storeI32();
  f.get(e);
  return f;
}

/**
 * Column passes of a product: blocks of BLOCK columns, then of 4, then single columns, each pass
 * walking one CSR row. `body(width, col)` writes one pass for `width` columns (1 = scalar).
 */
function columnPasses(f: Fn, n: Local, col: Local, body: (vectors: number) => void): void {
  f.i32(0).set(col);
  for (const width of [BLOCK, 4]) {
    f.whileTrue(
      () => f.get(col).i32(width).add().get(n).leS(),
      () => {
        body(width / 4);
        f.get(col).i32(width).add().set(col);
      },
    );
  }
  f.whileTrue(
    () => f.get(col).get(n).ltS(),
    () => {
      body(0);
      f.get(col).i32(1).add().set(col);
    },
  );
}

function spmmFn(): Fn {
  const f = new Fn('spmm', ['i32', 'i32', 'i32', 'i32', 'i32', 'i32', 'i32', 'i32']);
  const [rp, ix, vl, m, b, n, bias, c] = f.params as [Local, Local, Local, Local, Local, Local, Local, Local];
  const i = f.local('i32');
  const eb = f.local('i32');
  const e0 = f.local('i32');
  const e1 = f.local('i32');
  const col = f.local('i32');
  const out = f.local('i32');
  const bp = f.local('i32');
  const s = f.local('v128');
  const sf = f.local('f32');
  const accf = f.local('f32');
  const acc = Array.from({ length: BLOCK / 4 }, () => f.local('v128'));
  f.forRange(i, () => f.i32(0), () => f.get(m), () => {
    f.get(rp).get(i).i32(4).mul().add().loadI32().i32(4).mul().set(e0);
    f.get(rp).get(i).i32(4).mul().add().loadI32(4).i32(4).mul().set(e1);
    columnPasses(f, n, col, (vectors) => {
      // out = &C[i, col]; accumulators start from the bias
      f.get(c).get(i).get(n).mul().get(col).add().i32(4).mul().add().set(out);
      if (vectors === 0) f.get(bias).get(col).i32(4).mul().add().loadF32().set(accf);
      for (let j = 0; j < vectors; j++) f.get(bias).get(col).i32(4).mul().add().vLoad(16 * j).set(acc[j]!);
      f.forRange(eb, () => f.get(e0), () => f.get(e1), () => {
        f.get(b).get(ix).get(eb).add().loadI32().add().get(col).i32(4).mul().add().set(bp);
        if (vectors === 0) {
          f.get(vl).get(eb).add().loadF32().set(sf);
          f.get(accf).get(sf).get(bp).loadF32().fMul().fAdd().set(accf);
          return;
        }
        f.get(vl).get(eb).add().loadF32().vSplat().set(s);
        for (let j = 0; j < vectors; j++) f.get(acc[j]!).get(s).get(bp).vLoad(16 * j).vMul().vAdd().set(acc[j]!);
      }, 4);
      if (vectors === 0) f.get(out).get(accf).storeF32();
      for (let j = 0; j < vectors; j++) f.get(out).get(acc[j]!).vStore(16 * j);
    });
  });
  return f;
}

function spmmTFn(): Fn {
  const f = new Fn('spmmT', ['i32', 'i32', 'i32', 'i32', 'i32', 'i32', 'i32']);
  const [rp, ix, vl, m, d, n, c] = f.params as [Local, Local, Local, Local, Local, Local, Local];
  const r = f.local('i32');
  const eb = f.local('i32');
  const e0 = f.local('i32');
  const e1 = f.local('i32');
  const col = f.local('i32');
  const dp = f.local('i32');
  const cp = f.local('i32');
  const s = f.local('v128');
  const sf = f.local('f32');
  const df = f.local('f32');
  const dv = Array.from({ length: BLOCK / 4 }, () => f.local('v128'));
  f.forRange(r, () => f.i32(0), () => f.get(m), () => {
    f.get(rp).get(r).i32(4).mul().add().loadI32().i32(4).mul().set(e0);
    f.get(rp).get(r).i32(4).mul().add().loadI32(4).i32(4).mul().set(e1);
    columnPasses(f, n, col, (vectors) => {
      f.get(d).get(r).get(n).mul().get(col).add().i32(4).mul().add().set(dp);
      if (vectors === 0) f.get(dp).loadF32().set(df);
      for (let j = 0; j < vectors; j++) f.get(dp).vLoad(16 * j).set(dv[j]!);
      f.forRange(eb, () => f.get(e0), () => f.get(e1), () => {
        f.get(c).get(ix).get(eb).add().loadI32().add().get(col).i32(4).mul().add().set(cp);
        if (vectors === 0) {
          f.get(vl).get(eb).add().loadF32().set(sf);
          f.get(cp).get(cp).loadF32().get(sf).get(df).fMul().fAdd().storeF32();
          return;
        }
        f.get(vl).get(eb).add().loadF32().vSplat().set(s);
        for (let j = 0; j < vectors; j++) f.get(cp).get(cp).vLoad(16 * j).get(s).get(dv[j]!).vMul().vAdd().vStore(16 * j);
      }, 4);
    });
  });
  return f;
}

function transposeFn(): Fn {
  const f = new Fn('transpose', ['i32', 'i32', 'i32', 'i32']);
  const [a, rows, cols, out] = f.params as [Local, Local, Local, Local];
  const i = f.local('i32');
  const j = f.local('i32');
  f.forRange(i, () => f.i32(0), () => f.get(rows), () => {
    f.forRange(j, () => f.i32(0), () => f.get(cols), () => {
      f.get(out).get(j).get(rows).mul().get(i).add().i32(4).mul().add();
      f.get(a).get(i).get(cols).mul().get(j).add().i32(4).mul().add().loadF32();
      f.storeF32();
    });
  });
  return f;
}

/** Keras's Adam on `len` floats (a multiple of 4): m += (g−m)·c1; v += (g²−v)·c2; w −= α·m/(√v + ε). */
function adamFn(): Fn {
  const f = new Fn('adam', ['i32', 'i32', 'i32', 'i32', 'i32', 'f32', 'f32', 'f32', 'f32']);
  const [w, g, m, v, len, alpha, c1, c2, eps] = f.params as [Local, Local, Local, Local, Local, Local, Local, Local, Local];
  const [va, vc1, vc2, veps, gi, mi, vi] = Array.from({ length: 7 }, () => f.local('v128')) as [Local, Local, Local, Local, Local, Local, Local];
  const off = f.local('i32');
  f.get(alpha).vSplat().set(va);
  f.get(c1).vSplat().set(vc1);
  f.get(c2).vSplat().set(vc2);
  f.get(eps).vSplat().set(veps);
  f.forRange(off, () => f.i32(0), () => f.get(len).i32(4).mul(), () => {
    f.get(g).get(off).add().vLoad().set(gi);
    f.get(m).get(off).add().vLoad().set(mi);
    f.get(v).get(off).add().vLoad().set(vi);
    f.get(mi).get(gi).get(mi).vSub().get(vc1).vMul().vAdd().set(mi);
    f.get(vi).get(gi).get(gi).vMul().get(vi).vSub().get(vc2).vMul().vAdd().set(vi);
    f.get(m).get(off).add().get(mi).vStore();
    f.get(v).get(off).add().get(vi).vStore();
    f.get(w).get(off).add();
    f.get(w).get(off).add().vLoad();
    f.get(va).get(mi).vMul().get(vi).vSqrt().get(veps).vAdd().vDiv();
    f.vSub().vStore();
  }, 16);
  return f;
}

/** Plain SGD on `len` floats (a multiple of 4): w −= lr·g. */
function sgdFn(): Fn {
  const f = new Fn('sgd', ['i32', 'i32', 'i32', 'f32']);
  const [w, g, len, lr] = f.params as [Local, Local, Local, Local];
  const vlr = f.local('v128');
  const off = f.local('i32');
  f.get(lr).vSplat().set(vlr);
  f.forRange(off, () => f.i32(0), () => f.get(len).i32(4).mul(), () => {
    f.get(w).get(off).add();
    f.get(w).get(off).add().vLoad().get(g).get(off).add().vLoad().get(vlr).vMul().vSub();
    f.vStore();
  }, 16);
  return f;
}

interface Exports {
  csr(a: number, m: number, k: number, stride: number, rp: number, ix: number, vl: number): number;
  spmm(rp: number, ix: number, vl: number, m: number, b: number, n: number, bias: number, c: number): void;
  spmmT(rp: number, ix: number, vl: number, m: number, d: number, n: number, c: number): void;
  transpose(a: number, rows: number, cols: number, out: number): void;
  adam(w: number, g: number, m: number, v: number, len: number, alpha: number, c1: number, c2: number, eps: number): void;
  sgd(w: number, g: number, len: number, lr: number): void;
}

let compiled: WebAssembly.Module | null = null;

/** The compiled kernel module (assembled and compiled once per thread). */
export function kernelModule(): WebAssembly.Module {
  compiled ??= new WebAssembly.Module(assemble([csrFn(), spmmFn(), spmmTFn(), transposeFn(), adamFn(), sgdFn()]));
  return compiled;
}

/** A float32 array inside the kernels' memory: `ptr` for the kernels, `view` for JavaScript. */
export interface Buf {
  readonly ptr: number;
  readonly length: number;
  readonly view: Float32Array;
}

/** An int32 array inside the kernels' memory. */
export interface IntBuf {
  readonly ptr: number;
  readonly length: number;
  readonly view: Int32Array;
}

/** Compressed sparse rows of a (rows × cols) matrix, with room for every entry. */
export interface Csr {
  rowPtr: IntBuf;
  index: IntBuf;
  value: Buf;
  /** Bytes between two rows of the matrix this CSR multiplies (its column indices are stored premultiplied). */
  stride: number;
}

/** Hands out kernel arrays: a Kernels instance, or a ByteCounter that only adds up their sizes. */
export interface Allocator {
  floats(length: number): Buf;
  ints(length: number): IntBuf;
  csrBuffers(rows: number, cols: number, strideFloats: number): Csr;
}

/** Counts the bytes a sequence of allocations takes, so that Kernels can be sized before it exists. */
export class ByteCounter implements Allocator {
  bytes = 0;

  floats(length: number): Buf {
    this.bytes += Kernels.bytes(length);
    return { ptr: 0, length, view: new Float32Array(0) };
  }

  ints(length: number): IntBuf {
    this.bytes += Kernels.bytes(length);
    return { ptr: 0, length, view: new Int32Array(0) };
  }

  csrBuffers(rows: number, cols: number, strideFloats: number): Csr {
    return { rowPtr: this.ints(rows + 1), index: this.ints(rows * cols), value: this.floats(rows * cols), stride: strideFloats * 4 };
  }
}

const PAGE = 65536;
const ALIGN = 16;
const round4 = (n: number) => Math.ceil(n / 4) * 4;

/**
 * Sizes the memory first (`reserve`), then hands out 16-byte-aligned arrays (`floats`, `ints`);
 * the memory is created once at the reserved size and never grows, so views stay valid.
 */
export class Kernels implements Allocator {
  private readonly memory: WebAssembly.Memory;
  private readonly k: Exports;
  private next = ALIGN;
  private readonly capacity: number;

  /** Bytes an array of `length` 4-byte elements takes in the arena (its length rounded up to 4 elements). */
  static bytes(length: number): number {
    return round4(Math.max(length, 1)) * 4;
  }

  constructor(reservedBytes: number) {
    this.capacity = reservedBytes + 2 * ALIGN;
    this.memory = new WebAssembly.Memory({ initial: Math.ceil(this.capacity / PAGE) });
    this.k = new WebAssembly.Instance(kernelModule(), { env: { memory: this.memory } }).exports as unknown as Exports;
  }

  private alloc(length: number): number {
    const ptr = this.next;
    this.next += Kernels.bytes(length);
    if (this.next > this.capacity) throw new RangeError(`kernel arena overflow: ${this.next} > ${this.capacity} bytes reserved`);
    return ptr;
  }

  /** A zeroed float32 array of `length` (its storage padded to a multiple of 4 floats, also zero). */
  floats(length: number): Buf {
    const ptr = this.alloc(length);
    return { ptr, length, view: new Float32Array(this.memory.buffer, ptr, length) };
  }

  ints(length: number): IntBuf {
    const ptr = this.alloc(length);
    return { ptr, length, view: new Int32Array(this.memory.buffer, ptr, length) };
  }

  /** Room for the CSR of up to rows × cols entries, for products whose right operand has rows of `stride` floats. */
  csrBuffers(rows: number, cols: number, strideFloats: number): Csr {
    return { rowPtr: this.ints(rows + 1), index: this.ints(rows * cols), value: this.floats(rows * cols), stride: strideFloats * 4 };
  }

  /** Fills `out` with the CSR of the first `rows` rows of `a` (rows × cols); returns the entry count. */
  csr(a: Buf, rows: number, cols: number, out: Csr): number {
    return this.k.csr(a.ptr, rows, cols, out.stride, out.rowPtr.ptr, out.index.ptr, out.value.ptr);
  }

  /** c[rows × n] = A·b + bias, A given as CSR (built with stride n), b (A's cols × n), bias (n). */
  spmm(a: Csr, rows: number, b: Buf, n: number, bias: Buf, c: Buf): void {
    this.k.spmm(a.rowPtr.ptr, a.index.ptr, a.value.ptr, rows, b.ptr, n, bias.ptr, c.ptr);
  }

  /** c[A's cols × n] += Aᵀ·d, A given as CSR (built with stride n), d (rows × n). */
  spmmT(a: Csr, rows: number, d: Buf, n: number, c: Buf): void {
    this.k.spmmT(a.rowPtr.ptr, a.index.ptr, a.value.ptr, rows, d.ptr, n, c.ptr);
  }

  /** out[cols × rows] = aᵀ. */
  transpose(a: Buf, rows: number, cols: number, out: Buf): void {
    this.k.transpose(a.ptr, rows, cols, out.ptr);
  }

  /** In place over the whole padded storage (padding stays zero: its g, m and v are zero). */
  adam(w: Buf, g: Buf, m: Buf, v: Buf, alpha: number, c1: number, c2: number, eps: number): void {
    this.k.adam(w.ptr, g.ptr, m.ptr, v.ptr, round4(w.length), alpha, c1, c2, eps);
  }

  sgd(w: Buf, g: Buf, lr: number): void {
    this.k.sgd(w.ptr, g.ptr, round4(w.length), lr);
  }
}
