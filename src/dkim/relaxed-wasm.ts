/**
 * Relaxed body canonicalization of one piece (RFC 6376 3.4.4) as a small WebAssembly function with
 * a SIMD fast path: 16 bytes that hold no TAB and no SP followed by SP, TAB or CR are copied as
 * they are; anything else goes one byte at a time. Text bodies have a run of spaces every few
 * lines, which costs JavaScript a call per spot; here it costs a few instructions.
 *
 * Where WebAssembly SIMD is missing, {@link relaxedWasm} is null and the caller uses the
 * JavaScript path (`relaxed-scan.ts`), which gives the same bytes.
 */
import {
  add,
  and,
  anyTrue,
  block,
  br,
  brIf,
  end,
  eq,
  eqz,
  geU,
  get,
  gtU,
  heapOf,
  i32,
  I32,
  i8x16Eq,
  instantiate,
  load8,
  loop,
  oneFunctionModule,
  or,
  set,
  splat16,
  store8,
  V128,
  v128And,
  v128Load,
  v128Or,
  v128Store,
} from './wasm-asm.ts';

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

const kernel = instantiate<(len: number, wsp: number, out: number) => number>(
  oneFunctionModule(3, [2, 3, I32, 2, V128], code, 2),
);

/**
 * Canonicalizes `content` (relaxed; no bare LF; ends with a byte that is not WSP) and returns a
 * view of the result, valid until the next call. `pending`: a WSP run precedes the content.
 * Null when WebAssembly SIMD is not available.
 */
export const relaxedWasm: ((content: Buffer, pending: boolean) => Uint8Array) | null = kernel
  ? (content, pending) => {
      // Input, a zero guard byte (the one-byte look-ahead) and spare, output (at most len + 1).
      const out = content.length + 32;
      const heap = heapOf(kernel.memory, out + content.length + 32);
      heap.set(content, 0);
      heap.fill(0, content.length, out);
      const n = kernel.run(content.length, pending ? 1 : 0, out);
      return heap.subarray(out, n);
    }
  : null;
