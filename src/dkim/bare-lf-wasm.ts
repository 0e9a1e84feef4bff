/**
 * Whether a piece of body has a bare LF (one not preceded by CR), 16 bytes at a time with
 * WebAssembly SIMD. A bare LF ends a line like CRLF (docs/dkim.md, Line ends), so every piece is
 * checked; in JavaScript that is one native search per line. Null where WebAssembly SIMD is
 * unavailable (callers use `hasBareLf` from src/mail).
 */
import {
  add,
  anyTrue,
  block,
  br,
  brIf,
  end,
  geU,
  get,
  heapOf,
  i32,
  I32,
  i8x16Eq,
  ifThen,
  instantiate,
  loop,
  oneFunctionModule,
  ret,
  set,
  splat16,
  sub,
  v128AndNot,
  v128Load,
} from './wasm-asm.ts';

// run(len): the piece is at [16, 16 + len), with a zero byte before it and 16 after it.
const LEN = 0;
const I = 1;
const END = 2;
const START = 16;

const code = [
  ...i32(START),
  ...set(I),
  ...get(LEN),
  ...i32(START),
  ...add,
  ...set(END),
  ...block, // $done
  ...loop, // $top
  ...get(I),
  ...get(END),
  ...geU,
  ...brIf(1),
  // (byte == LF) & !(previous byte == CR), for 16 bytes
  ...get(I),
  ...v128Load(0),
  ...splat16(0x0a),
  ...i8x16Eq,
  ...get(I),
  ...i32(1),
  ...sub,
  ...v128Load(0),
  ...splat16(0x0d),
  ...i8x16Eq,
  ...v128AndNot,
  ...anyTrue,
  ...ifThen,
  ...i32(1),
  ...ret,
  ...end,
  ...get(I),
  ...i32(16),
  ...add,
  ...set(I),
  ...br(0),
  ...end, // $top
  ...end, // $done
  ...i32(0),
  ...end,
];

const kernel = instantiate<(len: number) => number>(oneFunctionModule(1, [1, 2, I32], code, 2));

/** True when some LF in `bytes` is not preceded by CR (like `hasBareLf`); null without SIMD. */
export const hasBareLfWasm: ((bytes: Uint8Array) => boolean) | null = kernel
  ? (bytes) => {
      const heap = heapOf(kernel.memory, START + bytes.length + 32);
      heap[START - 1] = 0;
      heap.set(bytes, START);
      heap.fill(0, START + bytes.length, START + bytes.length + 16);
      return kernel.run(bytes.length) !== 0;
    }
  : null;
