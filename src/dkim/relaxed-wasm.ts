/**
 * Relaxed body canonicalization of one piece (RFC 6376 3.4.4) as a small WebAssembly function with
 * a SIMD fast path: 16 bytes that hold no TAB and no SP followed by SP, TAB or CR are copied as
 * they are; anything else goes one byte at a time. Text bodies have a run of spaces every few
 * lines, which costs JavaScript a call per spot; here it costs a few instructions.
 *
 * The module is assembled below from its instructions (no build step, no binary blob). Where
 * WebAssembly SIMD is missing, {@link relaxedWasm} is null and the caller uses the JavaScript path.
 */

/** Unsigned LEB128 (the WebAssembly integer encoding). */
function u32(n: number): number[] {
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

// Instructions used (WebAssembly core 2.0; SIMD ops are 0xfd then an LEB128 opcode).
const I32 = 0x7f;
const V128 = 0x7b;
const EMPTY = 0x40;
const block = [0x02, EMPTY];
const loop = [0x03, EMPTY];
const end = [0x0b];
const br = (depth: number) => [0x0c, depth];
const brIf = (depth: number) => [0x0d, depth];
const get = (i: number) => [0x20, i];
const set = (i: number) => [0x21, i];
const i32 = (v: number) => [0x41, ...u32(v)]; // small non-negative constants only (< 64)
const load8 = (offset: number) => [0x2d, 0, offset];
const store8 = [0x3a, 0, 0];
const eqz = [0x45];
const eq = [0x46];
const gtU = [0x4b];
const geU = [0x4f];
const add = [0x6a];
const and = [0x71];
const or = [0x72];
const simd = (op: number, ...rest: number[]) => [0xfd, ...u32(op), ...rest];
const v128Load = (offset: number) => simd(0x00, 0, offset);
const v128Store = simd(0x0b, 0, 0);
const splat16 = (byte: number) => simd(0x0c, ...new Array<number>(16).fill(byte));
const i8x16Eq = simd(0x23);
const v128And = simd(0x4e);
const v128Or = simd(0x50);
const anyTrue = simd(0x53);

// relax(len, wsp, out) -> end of output. Input at [0, len), output from `out` on.
const LEN = 0;
const WSP = 1; // a WSP run is pending (held over from the previous piece, or being read)
const OUT = 2;
const I = 3;
const N = 4;
const C = 5;
const V = 6;
const NX = 7;
const inc = (local: number, by: number) => [...get(local), ...i32(by), ...add, ...set(local)];
const isByte = (local: number, byte: number) => [...get(local), ...splat16(byte), ...i8x16Eq];

const code = [
  ...get(OUT),
  ...set(N),
  ...block, // $done
  ...loop, // $top
  ...get(I),
  ...get(LEN),
  ...geU,
  ...brIf(1),
  ...block, // $slow: taken unless 16 clean bytes can be copied at once
  ...get(WSP),
  ...brIf(0),
  ...get(I),
  ...i32(17),
  ...add,
  ...get(LEN),
  ...gtU,
  ...brIf(0),
  ...get(I),
  ...v128Load(0),
  ...set(V),
  ...get(I),
  ...v128Load(1),
  ...set(NX),
  // dirty = (v == SP) & (next == SP | next == TAB | next == CR) | (v == TAB)
  ...isByte(V, 0x20),
  ...isByte(NX, 0x20),
  ...isByte(NX, 0x09),
  ...v128Or,
  ...isByte(NX, 0x0d),
  ...v128Or,
  ...v128And,
  ...isByte(V, 0x09),
  ...v128Or,
  ...anyTrue,
  ...brIf(0),
  ...get(N),
  ...get(V),
  ...v128Store,
  ...inc(N, 16),
  ...inc(I, 16),
  ...br(1),
  ...end, // $slow
  ...get(I),
  ...load8(0),
  ...set(C),
  ...block, // $notWsp
  ...get(C),
  ...i32(0x20),
  ...eq,
  ...get(C),
  ...i32(0x09),
  ...eq,
  ...or,
  ...eqz,
  ...brIf(0),
  ...i32(1),
  ...set(WSP),
  ...inc(I, 1),
  ...br(1),
  ...end, // $notWsp
  ...block, // $noSp: a pending run becomes one SP unless the line ends here (3.4.4 a, b)
  ...get(WSP),
  ...eqz,
  ...brIf(0),
  ...i32(0),
  ...set(WSP),
  ...get(C),
  ...i32(0x0d),
  ...eq,
  ...get(I),
  ...load8(1),
  ...i32(0x0a),
  ...eq,
  ...and,
  ...brIf(0),
  ...get(N),
  ...i32(0x20),
  ...store8,
  ...inc(N, 1),
  ...end, // $noSp
  ...get(N),
  ...get(C),
  ...store8,
  ...inc(N, 1),
  ...inc(I, 1),
  ...br(0),
  ...end, // $top
  ...end, // $done
  ...get(N),
  ...end,
];

const locals = [2, 3, I32, 2, V128];
const body = [...locals, ...code];
const bytes = new Uint8Array([
  ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00],
  ...section(1, [1, 0x60, 3, I32, I32, I32, 1, I32]),
  ...section(3, [1, 0]),
  ...section(5, [1, 0x00, 2]),
  ...section(7, [2, ...name('relax'), 0x00, 0, ...name('mem'), 0x02, 0]),
  ...section(10, [1, ...u32(body.length), ...body]),
]);

type Relax = (len: number, wsp: number, out: number) => number;

/** The part of the WebAssembly API used here (the project's TypeScript lib has no DOM types). */
interface WasmApi {
  validate(bytes: Uint8Array): boolean;
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object) => { exports: Record<string, unknown> };
}

interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}

function instantiate(): { relax: Relax; memory: WasmMemory } | null {
  const wasm = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;
  try {
    if (!wasm?.validate(bytes)) return null;
    const instance = new wasm.Instance(new wasm.Module(bytes));
    const { relax, mem } = instance.exports as { relax: Relax; mem: WasmMemory };
    return { relax, memory: mem };
  } catch {
    return null;
  }
}

const kernel = instantiate();

/**
 * Canonicalizes `content` (relaxed; no bare LF; ends with a byte that is not WSP) and returns a
 * view of the result, valid until the next call. `pending`: a WSP run precedes the content.
 * Null when WebAssembly SIMD is not available.
 */
export const relaxedWasm: ((content: Buffer, pending: boolean) => Uint8Array) | null = kernel
  ? (content, pending) => {
      const { relax, memory } = kernel;
      // Input, a zero guard byte (the one-byte look-ahead), 16 spare, output (at most len + 1).
      const out = content.length + 32;
      const need = out + content.length + 32;
      if (memory.buffer.byteLength < need) {
        memory.grow(Math.ceil((need - memory.buffer.byteLength) / 65536));
      }
      const heap = new Uint8Array(memory.buffer);
      heap.set(content, 0);
      heap.fill(0, content.length, out);
      const n = relax(content.length, pending ? 1 : 0, out);
      return new Uint8Array(memory.buffer, out, n - out);
    }
  : null;
