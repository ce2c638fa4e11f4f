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
import type { SparseImages } from '../mnist.js';
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
  const f = new Fn('spmm', ['i32', 'i32', 'i32', 'i32', 'i32', 'i32', 'i32', 'i32', 'i32']);
  const [rp, ix, vl, m, b, n, bias, c, relu] = f.params as [Local, Local, Local, Local, Local, Local, Local, Local, Local];
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
      // relu: pmax(0, x) = x when 0 < x, else 0 (a NaN too, as `x > 0 ? x : 0`)
      f.get(relu).ifThen(() => {
        if (vectors === 0) f.get(accf).f32(0).get(accf).f32(0).fGt().select().set(accf);
        for (let j = 0; j < vectors; j++) f.vZero().get(acc[j]!).vPmax().set(acc[j]!);
      });
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

/**
 * CSR of chosen rows of a sparse image set: row k of the output is row ids[k] of the set (column
 * indices u16, values f32), its column indices premultiplied by `stride` as csr() does.
 */
function gatherCsrFn(): Fn {
  const f = new Fn('gatherCsr', ['i32', 'i32', 'i32', 'i32', 'i32', 'i32', 'i32', 'i32', 'i32']);
  const [ids, rows, srp, six, svl, stride, rp, ix, vl] = f.params as [Local, Local, Local, Local, Local, Local, Local, Local, Local];
  const k = f.local('i32');
  const r = f.local('i32');
  const j0 = f.local('i32');
  const e = f.local('i32');
  const src = f.local('i32');
  const end = f.local('i32');
  const val = f.local('i32');
  const oix = f.local('i32');
  const ovl = f.local('i32');
  f.i32(0).set(e);
  f.get(ix).set(oix);
  f.get(vl).set(ovl);
  f.forRange(k, () => f.i32(0), () => f.get(rows), () => {
    f.get(ids).get(k).i32(4).mul().add().loadI32().i32(4).mul().get(srp).add().set(r); // &rowStart[id]
    f.get(rp).get(k).i32(4).mul().add().get(e).storeI32();
    f.get(r).loadI32().set(j0);
    f.get(r).loadI32(4).get(j0).sub().get(e).add().set(e);
    f.get(six).get(j0).i32(2).mul().add().set(src);
    f.get(svl).get(j0).i32(4).mul().add().set(val);
    f.get(src).get(r).loadI32(4).get(j0).sub().i32(2).mul().add().set(end);
    f.whileTrue(
      () => f.get(src).get(end).ltU(),
      () => {
        f.get(oix).get(src).loadU16().get(stride).mul().storeI32();
        f.get(ovl).get(val).loadF32().storeF32();
        f.get(src).i32(2).add().set(src);
        f.get(val).i32(4).add().set(val);
        f.get(oix).i32(4).add().set(oix);
        f.get(ovl).i32(4).add().set(ovl);
      },
    );
  });
  f.get(rp).get(rows).i32(4).mul().add().get(e).storeI32();
  return f;
}

/** dz = out > 0 ? da : 0 over `len` floats (a multiple of 4): ReLU's gradient, given its output. */
function reluGradFn(): Fn {
  const f = new Fn('reluGrad', ['i32', 'i32', 'i32', 'i32']);
  const [out, da, dz, len] = f.params as [Local, Local, Local, Local];
  const off = f.local('i32');
  f.forRange(off, () => f.i32(0), () => f.get(len).i32(4).mul(), () => {
    f.get(dz).get(off).add();
    f.get(out).get(off).add().vLoad().vZero().vGt();
    f.get(da).get(off).add().vLoad().vAnd();
    f.vStore();
  }, 16);
  return f;
}

/** out[n] = column sums of d (rows × n), summed over rows in order. */
function colSumsFn(): Fn {
  const f = new Fn('colSums', ['i32', 'i32', 'i32', 'i32']);
  const [d, rows, n, out] = f.params as [Local, Local, Local, Local];
  const col = f.local('i32');
  const r = f.local('i32');
  const acc = f.local('v128');
  const accf = f.local('f32');
  f.i32(0).set(col);
  f.whileTrue(
    () => f.get(col).i32(4).add().get(n).leS(),
    () => {
      f.vZero().set(acc);
      f.forRange(r, () => f.i32(0), () => f.get(rows), () => {
        f.get(acc).get(d).get(r).get(n).mul().get(col).add().i32(4).mul().add().vLoad().vAdd().set(acc);
      });
      f.get(out).get(col).i32(4).mul().add().get(acc).vStore();
      f.get(col).i32(4).add().set(col);
    },
  );
  f.whileTrue(
    () => f.get(col).get(n).ltS(),
    () => {
      f.f32(0).set(accf);
      f.forRange(r, () => f.i32(0), () => f.get(rows), () => {
        f.get(accf).get(d).get(r).get(n).mul().get(col).add().i32(4).mul().add().loadF32().fAdd().set(accf);
      });
      f.get(out).get(col).i32(4).mul().add().get(accf).storeF32();
      f.get(col).i32(1).add().set(col);
    },
  );
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
  spmm(rp: number, ix: number, vl: number, m: number, b: number, n: number, bias: number, c: number, relu: number): void;
  reluGrad(out: number, da: number, dz: number, len: number): void;
  colSums(d: number, rows: number, n: number, out: number): void;
  spmmT(rp: number, ix: number, vl: number, m: number, d: number, n: number, c: number): void;
  transpose(a: number, rows: number, cols: number, out: number): void;
  adam(w: number, g: number, m: number, v: number, len: number, alpha: number, c1: number, c2: number, eps: number): void;
  sgd(w: number, g: number, len: number, lr: number): void;
  gatherCsr(ids: number, rows: number, srp: number, six: number, svl: number, stride: number, rp: number, ix: number, vl: number): void;
}

let compiled: WebAssembly.Module | null = null;

/** The compiled kernel module (assembled and compiled once per thread). */
export function kernelModule(): WebAssembly.Module {
  compiled ??= new WebAssembly.Module(assemble([csrFn(), spmmFn(), spmmTFn(), transposeFn(), adamFn(), sgdFn(), gatherCsrFn(), reluGradFn(), colSumsFn()]));
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

/** An image set (mnist.ts SparseImages) copied into the kernels' memory. */
export interface ImageSet {
  readonly source: SparseImages;
  readonly rows: number;
  readonly rowStart: number;
  readonly column: number;
  readonly value: number;
}

let forThread: Kernels | null = null;

/**
 * One WebAssembly memory with the kernels over it. Arrays come from a bump allocator: first the
 * image sets (loadImages), then the arena of one Net (resetArena, reserve, then floats / ints).
 * The memory grows only in loadImages and reserve, before the arrays whose views must stay valid
 * are made; resetArena ends the previous arena (its generation).
 */
export class Kernels implements Allocator {
  private readonly memory: WebAssembly.Memory;
  private readonly k: Exports;
  private next = ALIGN;
  /** End of the image sets: the arena starts here. */
  private base = ALIGN;
  private images: ImageSet[] = [];
  /** Counts resetArena calls: arrays of an earlier generation must not be used. */
  generation = 0;

  /** The kernels of this thread (one memory, reused by each Net made in the thread). */
  static forThread(): Kernels {
    forThread ??= new Kernels(0);
    return forThread;
  }

  /** Bytes an array of `length` 4-byte elements takes in the arena (its length rounded up to 4 elements). */
  static bytes(length: number): number {
    return round4(Math.max(length, 1)) * 4;
  }

  constructor(reservedBytes: number) {
    this.memory = new WebAssembly.Memory({ initial: Math.max(1, Math.ceil((reservedBytes + 2 * ALIGN) / PAGE)) });
    this.k = new WebAssembly.Instance(kernelModule(), { env: { memory: this.memory } }).exports as unknown as Exports;
  }

  private alloc(length: number): number {
    const ptr = this.next;
    this.next += Kernels.bytes(length);
    if (this.next > this.memory.buffer.byteLength) throw new RangeError(`kernel arena overflow: ${this.next} > ${this.memory.buffer.byteLength} bytes reserved`);
    return ptr;
  }

  /** Grows the memory so that `bytes` more fit (views made before a growth stop working: reserve first). */
  reserve(bytes: number): void {
    const need = this.next + bytes + ALIGN - this.memory.buffer.byteLength;
    if (need > 0) this.memory.grow(Math.ceil(need / PAGE));
  }

  /** Frees the arena (everything made after the image sets). */
  resetArena(): void {
    this.next = this.base;
    this.generation++;
  }

  /**
   * The image sets in the kernels' memory: copied once, then reused while the same sets are asked
   * for; other sets replace them (and end the arena).
   */
  loadImages(sources: SparseImages[]): ImageSet[] {
    if (sources.length === this.images.length && sources.every((s, i) => this.images[i]!.source === s)) return this.images;
    this.next = ALIGN;
    this.images = [];
    this.resetArena();
    const sizes = sources.map((s) => Kernels.bytes(s.rowStart.length) + round4(Math.ceil(s.column.length / 2)) * 4 + Kernels.bytes(s.value.length));
    this.reserve(sizes.reduce((a, b) => a + b, 0));
    this.images = sources.map((source) => {
      const rows = source.rowStart.length - 1;
      const rowStart = this.alloc(rows + 1);
      const column = this.alloc(Math.ceil(source.column.length / 2));
      const value = this.alloc(source.value.length);
      new Int32Array(this.memory.buffer, rowStart, rows + 1).set(source.rowStart);
      new Uint16Array(this.memory.buffer, column, source.column.length).set(source.column);
      new Float32Array(this.memory.buffer, value, source.value.length).set(source.value);
      return { source, rows, rowStart, column, value };
    });
    this.base = this.next;
    return this.images;
  }

  /** A zeroed float32 array of `length` (its storage padded to a multiple of 4 floats, also zero). */
  floats(length: number): Buf {
    const ptr = this.alloc(length);
    new Float32Array(this.memory.buffer, ptr, Kernels.bytes(length) / 4).fill(0); // the arena is reused: zero it, padding too
    return { ptr, length, view: new Float32Array(this.memory.buffer, ptr, length) };
  }

  ints(length: number): IntBuf {
    const ptr = this.alloc(length);
    new Int32Array(this.memory.buffer, ptr, Kernels.bytes(length) / 4).fill(0);
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

  /** Fills `out` with the CSR of rows ids[0 … rows) of an image set. */
  gatherCsr(set: ImageSet, ids: IntBuf, rows: number, out: Csr): void {
    this.k.gatherCsr(ids.ptr, rows, set.rowStart, set.column, set.value, out.stride, out.rowPtr.ptr, out.index.ptr, out.value.ptr);
  }

  /** c[rows × n] = A·b + bias (then ReLU when `relu`), A given as CSR (built with stride n), b (A's cols × n), bias (n). */
  spmm(a: Csr, rows: number, b: Buf, n: number, bias: Buf, c: Buf, relu = false): void {
    this.k.spmm(a.rowPtr.ptr, a.index.ptr, a.value.ptr, rows, b.ptr, n, bias.ptr, c.ptr, relu ? 1 : 0);
  }

  /** dz = out > 0 ? da : 0 for the first `length` floats (rounded up to 4: the buffers' padding). */
  reluGrad(out: Buf, da: Buf, dz: Buf, length: number): void {
    this.k.reluGrad(out.ptr, da.ptr, dz.ptr, round4(length));
  }

  /** out = column sums of the first `rows` rows of d (rows × n). */
  colSums(d: Buf, rows: number, n: number, out: Buf): void {
    this.k.colSums(d.ptr, rows, n, out.ptr);
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
