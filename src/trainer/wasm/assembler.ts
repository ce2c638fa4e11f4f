/**
 * A minimal WebAssembly binary writer, enough for the trainer's few SIMD kernels (kernels.ts): one
 * imported memory, functions over i32 / f32 / v128 locals, structured loops. The kernels are written
 * as TypeScript calls instead of a .wat file so that the build needs no WebAssembly toolchain; the
 * encoding follows the WebAssembly core specification (binary format) and its fixed-width SIMD
 * extension (opcodes after the 0xFD prefix). Only baseline SIMD is used, never relaxed SIMD: every
 * operation is IEEE-exact, so a kernel gives the same bits on every CPU.
 */

export type ValType = 'i32' | 'f32' | 'v128';
const VALTYPE: Record<ValType, number> = { i32: 0x7f, f32: 0x7d, v128: 0x7b };

function uleb(n: number, out: number[]): void {
  do {
    let byte = n & 0x7f;
    n >>>= 7;
    if (n !== 0) byte |= 0x80;
    out.push(byte);
  } while (n !== 0);
}

function sleb(n: number, out: number[]): void {
  for (;;) {
    const byte = n & 0x7f;
    n >>= 7;
    if ((n === 0 && (byte & 0x40) === 0) || (n === -1 && (byte & 0x40) !== 0)) {
      out.push(byte);
      return;
    }
    out.push(byte | 0x80);
  }
}

function name(s: string, out: number[]): void {
  const bytes = new TextEncoder().encode(s);
  uleb(bytes.length, out);
  out.push(...bytes);
}

/** A local variable (or parameter) of a function being written. */
export interface Local {
  readonly index: number;
  readonly type: ValType;
}

/**
 * The body of one function. Methods append instructions and return `this`; control flow uses
 * helpers (`forRange`, `whileTrue`, `ifThen`) that keep the block nesting balanced.
 */
export class Fn {
  readonly code: number[] = [];
  readonly params: Local[];
  private readonly extra: Local[] = [];
  constructor(
    readonly exportName: string,
    paramTypes: ValType[],
    readonly results: ValType[] = [],
  ) {
    this.params = paramTypes.map((type, index) => ({ index, type }));
  }

  local(type: ValType): Local {
    const l = { index: this.params.length + this.extra.length, type };
    this.extra.push(l);
    return l;
  }

  get locals(): readonly Local[] {
    return this.extra;
  }

  private op(...bytes: number[]): this {
    this.code.push(...bytes);
    return this;
  }

  private simd(opcode: number, ...imm: number[]): this {
    this.code.push(0xfd);
    uleb(opcode, this.code);
    this.code.push(...imm);
    return this;
  }

  private memarg(align: number, offset: number): number[] {
    const out: number[] = [];
    uleb(align, out);
    uleb(offset, out);
    return out;
  }

  get(l: Local): this {
    this.code.push(0x20);
    uleb(l.index, this.code);
    return this;
  }
  set(l: Local): this {
    this.code.push(0x21);
    uleb(l.index, this.code);
    return this;
  }
  tee(l: Local): this {
    this.code.push(0x22);
    uleb(l.index, this.code);
    return this;
  }
  i32(n: number): this {
    this.code.push(0x41);
    sleb(n | 0, this.code);
    return this;
  }
  f32(x: number): this {
    const b = new Uint8Array(new Float32Array([x]).buffer);
    return this.op(0x43, ...b);
  }

  add(): this {
    return this.op(0x6a);
  }
  sub(): this {
    return this.op(0x6b);
  }
  mul(): this {
    return this.op(0x6c);
  }
  ltU(): this {
    return this.op(0x49);
  }
  ltS(): this {
    return this.op(0x48);
  }
  leS(): this {
    return this.op(0x4c);
  }
  geS(): this {
    return this.op(0x4e);
  }
  eqz(): this {
    return this.op(0x45);
  }

  loadI32(offset = 0): this {
    return this.op(0x28, ...this.memarg(2, offset));
  }
  loadU16(offset = 0): this {
    return this.op(0x2f, ...this.memarg(1, offset));
  }
  storeI32(offset = 0): this {
    return this.op(0x36, ...this.memarg(2, offset));
  }
  loadF32(offset = 0): this {
    return this.op(0x2a, ...this.memarg(2, offset));
  }
  storeF32(offset = 0): this {
    return this.op(0x38, ...this.memarg(2, offset));
  }
  fAdd(): this {
    return this.op(0x92);
  }
  fSub(): this {
    return this.op(0x93);
  }
  fMul(): this {
    return this.op(0x94);
  }
  fDiv(): this {
    return this.op(0x95);
  }
  fSqrt(): this {
    return this.op(0x91);
  }
  fNe(): this {
    return this.op(0x5c);
  }
  fGt(): this {
    return this.op(0x5e);
  }
  /** select: (a, b, cond) → cond ? a : b. */
  select(): this {
    return this.op(0x1b);
  }

  /** v128.load with alignment hint 1 byte: the addresses used are not always 16-byte aligned. */
  vLoad(offset = 0): this {
    return this.simd(0x00, ...this.memarg(0, offset));
  }
  vStore(offset = 0): this {
    return this.simd(0x0b, ...this.memarg(0, offset));
  }
  vZero(): this {
    return this.simd(0x0c, ...new Array<number>(16).fill(0));
  }
  vSplat(): this {
    return this.simd(0x13);
  }
  /** f32x4.gt: lanes all ones where a > b. */
  vGt(): this {
    return this.simd(0x44);
  }
  vAnd(): this {
    return this.simd(0x4e);
  }
  /** f32x4.pmax(a, b) = a < b ? b : a (so pmax(0, x) is 0 for a NaN x, as `x > 0 ? x : 0`). */
  vPmax(): this {
    return this.simd(0xeb);
  }
  vAnyTrue(): this {
    return this.simd(0x53);
  }
  vAdd(): this {
    return this.simd(0xe4);
  }
  vSub(): this {
    return this.simd(0xe5);
  }
  vMul(): this {
    return this.simd(0xe6);
  }
  vDiv(): this {
    return this.simd(0xe7);
  }
  vSqrt(): this {
    return this.simd(0xe3);
  }

  /** `if (cond) { body }`: the condition (i32) must be on the stack. */
  ifThen(body: () => void): this {
    this.op(0x04, 0x40);
    body();
    return this.op(0x0b);
  }

  /** `while (cond()) { body() }`, where cond pushes an i32. */
  whileTrue(cond: () => void, body: () => void): this {
    this.op(0x02, 0x40); // block
    this.op(0x03, 0x40); // loop
    cond();
    this.eqz();
    this.op(0x0d, 1); // br_if out of the block
    body();
    this.op(0x0c, 0); // br to the loop's start
    this.op(0x0b, 0x0b);
    return this;
  }

  /** `for (v = from; v < to; v += step) body()` with i32 values; from/to push an i32. */
  forRange(v: Local, from: () => void, to: () => void, body: () => void, step = 1): this {
    from();
    this.set(v);
    return this.whileTrue(
      () => {
        this.get(v);
        to();
        this.ltS();
      },
      () => {
        body();
        this.get(v).i32(step).add().set(v);
      },
    );
  }

  ret(): this {
    return this.op(0x0f);
  }
}

/** Encodes a module that imports `env.memory` and exports the given functions. */
export function assemble(fns: Fn[]): Uint8Array<ArrayBuffer> {
  const out: number[] = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];
  const section = (id: number, body: number[]) => {
    out.push(id);
    uleb(body.length, out);
    out.push(...body);
  };
  const types: number[] = [];
  uleb(fns.length, types);
  for (const f of fns) {
    types.push(0x60);
    uleb(f.params.length, types);
    for (const p of f.params) types.push(VALTYPE[p.type]);
    uleb(f.results.length, types);
    for (const r of f.results) types.push(VALTYPE[r]);
  }
  section(1, types);
  const imports: number[] = [1];
  name('env', imports);
  name('memory', imports);
  imports.push(0x02, 0x00, 0x01); // memory, limits without a maximum, at least one page
  section(2, imports);
  const funcs: number[] = [];
  uleb(fns.length, funcs);
  fns.forEach((_, i) => uleb(i, funcs));
  section(3, funcs);
  const exports: number[] = [];
  uleb(fns.length, exports);
  fns.forEach((f, i) => {
    name(f.exportName, exports);
    exports.push(0x00);
    uleb(i, exports);
  });
  section(7, exports);
  const code: number[] = [];
  uleb(fns.length, code);
  for (const f of fns) {
    const body: number[] = [];
    uleb(f.locals.length, body);
    for (const l of f.locals) {
      body.push(1, VALTYPE[l.type]);
    }
    body.push(...f.code, 0x0b);
    uleb(body.length, code);
    code.push(...body);
  }
  section(10, code);
  return Uint8Array.from(out);
}
