/**
 * Just enough of a WebAssembly assembler for the body kernels (`relaxed-wasm.ts`, `bare-lf-wasm.ts`):
 * instructions as byte arrays, one-function modules, and instantiation that returns null where
 * WebAssembly (or its SIMD instructions, WebAssembly 2.0) is unavailable, so callers fall back to
 * JavaScript. Writing the few instructions here avoids a build step and an opaque binary blob.
 */

/** Unsigned LEB128 (the WebAssembly integer encoding). */
export function u32(n: number): number[] {
  const out: number[] = [];
  let v = n >>> 0;
  do {
    let b = v & 0x7f;
    v >>>= 7;
    if (v !== 0) b |= 0x80;
    out.push(b);
  } while (v !== 0);
  return out;
}

function section(id: number, body: number[]): number[] {
  return [id, ...u32(body.length), ...body];
}

function name(text: string): number[] {
  return [...u32(text.length), ...Buffer.from(text, 'latin1')];
}

// Instructions used (WebAssembly core 2.0; SIMD ops are 0xfd then an LEB128 opcode). Local
// indexes, memory offsets and constants here are all below 64, so each fits one LEB128 byte (and
// i32.const's signed encoding equals the unsigned one).
export const I32 = 0x7f;
export const V128 = 0x7b;
export const EMPTY = 0x40;
export const block = [0x02, EMPTY];
export const loop = [0x03, EMPTY];
export const end = [0x0b];
export const br = (depth: number) => [0x0c, depth];
export const brIf = (depth: number) => [0x0d, depth];
export const get = (i: number) => [0x20, i];
export const set = (i: number) => [0x21, i];
export const i32 = (v: number) => [0x41, ...u32(v)];
export const load8 = (offset: number) => [0x2d, 0, offset];
export const store8 = [0x3a, 0, 0];
export const eqz = [0x45];
export const eq = [0x46];
export const gtU = [0x4b];
export const geU = [0x4f];
export const add = [0x6a];
export const sub = [0x6b];
export const ifThen = [0x04, EMPTY];
export const ret = [0x0f];
export const and = [0x71];
export const or = [0x72];
export const simd = (op: number, ...rest: number[]) => [0xfd, ...u32(op), ...rest];
export const v128Load = (offset: number) => simd(0x00, 0, offset);
export const v128Store = simd(0x0b, 0, 0);
export const splat16 = (byte: number) => simd(0x0c, ...new Array<number>(16).fill(byte));
export const i8x16Eq = simd(0x23);
export const v128And = simd(0x4e);
export const v128AndNot = simd(0x4f);
export const v128Or = simd(0x50);
export const anyTrue = simd(0x53);

/**
 * A module of one exported function `run` (params and one result, all i32), with `locals` (the
 * WebAssembly local declarations) and `code` (ending with `end`), and an exported memory `mem`
 * of `pages` 64 KiB pages at first.
 */
export function oneFunctionModule(
  params: number,
  locals: number[],
  code: number[],
  pages: number,
): Uint8Array {
  const body = [...locals, ...code];
  return new Uint8Array([
    ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00],
    ...section(1, [1, 0x60, params, ...new Array<number>(params).fill(I32), 1, I32]),
    ...section(3, [1, 0]),
    ...section(5, [1, 0x00, pages]),
    ...section(7, [2, ...name('run'), 0x00, 0, ...name('mem'), 0x02, 0]),
    ...section(10, [1, ...u32(body.length), ...body]),
  ]);
}

/** The part of the WebAssembly API used here (the project's TypeScript lib has no DOM types). */
interface WasmApi {
  validate(bytes: Uint8Array): boolean;
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object) => { exports: Record<string, unknown> };
}

export interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}

/** A kernel: its function and its memory (whose `buffer` changes when it grows). */
export interface Kernel<F> {
  run: F;
  memory: WasmMemory;
}

/** Compiles and instantiates a module, or null where WebAssembly or SIMD is unavailable. */
export function instantiate<F>(bytes: Uint8Array): Kernel<F> | null {
  const wasm = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;
  try {
    if (!wasm?.validate(bytes)) return null;
    const instance = new wasm.Instance(new wasm.Module(bytes));
    const { run, mem } = instance.exports as { run: F; mem: WasmMemory };
    return { run, memory: mem };
  } catch {
    return null;
  }
}

/** Grows a kernel's memory to at least `bytes` and returns a view of all of it. */
export function heapOf(memory: WasmMemory, bytes: number): Uint8Array {
  if (memory.buffer.byteLength < bytes) {
    memory.grow(Math.ceil((bytes - memory.buffer.byteLength) / 65536));
  }
  return new Uint8Array(memory.buffer);
}
