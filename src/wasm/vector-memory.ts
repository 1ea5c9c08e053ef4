// Homogeneous numeric vectors (SRFI 160) live in one WebAssembly memory per thread, so that
// JavaScript (the interpreter, the JS tier) and Wasm code read and write the same elements
// without copying: a vector is an ordinary typed array (Float64Array for f64vector, ...) whose
// buffer is that memory's, and Wasm code reaches it by its byte offset.
//
// The memory is shared (SharedArrayBuffer-backed): growing a shared memory never detaches its
// buffer, so views made before a grow stay valid (a non-shared memory would detach them all).
// Blocks are allocated by size class (powers of two from 16 bytes, so 16-byte aligned for
// SIMD) and returned to their class's free list by a FinalizationRegistry once the view is
// garbage. Where shared memory is unavailable (a browser page without cross-origin
// isolation), or the memory is full, vectors get a buffer of their own: they work everywhere
// except in Wasm code, which then leaves such procedures to the JS tier.
//
// The first SCRATCH_BYTES of the memory are the Wasm tier's scratch area (the deoptimization
// frames, wasm/deopt.ts).

import { countMemory, reserveExternal } from "../runtime/heap-room.js";

export type NumericArray = Int8Array | Uint8Array | Int16Array | Uint16Array | Int32Array | Uint32Array |
  BigInt64Array | BigUint64Array | Float32Array | Float64Array;
export type NumericArrayCtor = { new(buffer: ArrayBufferLike, byteOffset: number, length: number): NumericArray; new(length: number): NumericArray; BYTES_PER_ELEMENT: number };

const PAGE = 65536;
/** Reserved at address 0 for the Wasm tier (deopt frames and flags). */
export const SCRATCH_BYTES = 4 * 1024 * 1024;
/** Upper bound of the memory: 1 GB of vectors per thread (address space is reserved, not used). */
const MAX_PAGES = 16384;
const MIN_CLASS = 4;  // 16 bytes

export class VectorMemory {
  readonly memory: WebAssembly.Memory;
  private top = SCRATCH_BYTES;
  private readonly free: number[][] = [];
  private readonly registry = new FinalizationRegistry<number>((block) => this.release(block));
  /** Every buffer object the memory has had (one per growth): a view is in the memory when its buffer is one of these. */
  private readonly buffers = new WeakSet<object>();
  allocated = 0;

  constructor() {
    this.memory = new WebAssembly.Memory({ initial: SCRATCH_BYTES / PAGE + 16, maximum: MAX_PAGES, shared: true });
    this.buffers.add(this.memory.buffer);
    // Under a heap limit (runtime/heap-room.ts) the memory counts as in use: the process's
    // ArrayBuffer statistics do not include a WebAssembly.Memory (measured: growing one by
    // 200 MB left memoryUsage().arrayBuffers unchanged).
    countMemory(() => this.memory.buffer.byteLength);
  }

  /** Whether Wasm code can reach `v` (its elements are in this memory). */
  holds(v: unknown): boolean { return ArrayBuffer.isView(v) && this.buffers.has(v.buffer); }

  /** A zeroed vector of `length` elements in the memory, or null when it is full. */
  alloc(ctor: NumericArrayCtor, length: number): NumericArray | null {
    const bytes = Math.max(length * ctor.BYTES_PER_ELEMENT, 1);
    const cls = Math.max(MIN_CLASS, Math.ceil(Math.log2(bytes)));
    const size = 2 ** cls;
    let addr = this.free[cls]?.pop();
    if (addr === undefined) {
      if (this.top + size > this.memory.buffer.byteLength) {
        const pages = Math.ceil((this.top + size - this.memory.buffer.byteLength) / PAGE);
        try { this.memory.grow(Math.max(pages, 16)); } catch { return null; }
        this.buffers.add(this.memory.buffer);
      }
      addr = this.top;
      this.top += size;
    }
    const buf = this.memory.buffer;
    new Uint8Array(buf, addr, size).fill(0);
    const v = new ctor(buf, addr, length);
    this.registry.register(v, addr * 64 + cls);
    this.allocated += size;
    return v;
  }

  private release(block: number): void {
    const cls = block % 64, addr = (block - cls) / 64;
    (this.free[cls] ??= []).push(addr);
    this.allocated -= 2 ** cls;
  }
}

let shared: VectorMemory | null | undefined;

/** The thread's vector memory, created on first use; null where shared Wasm memory is unavailable. */
export function vectorMemory(): VectorMemory | null {
  if (shared === undefined) {
    try { shared = typeof WebAssembly === "object" && typeof SharedArrayBuffer === "function" ? new VectorMemory() : null; } catch { shared = null; }
  }
  return shared;
}

/**
 * A new zeroed numeric vector: in the Wasm memory when possible, else with its own buffer.
 * `who` names the procedure in an out-of-memory error (heap-room.ts, reserveExternal).
 */
export function allocNumeric(ctor: NumericArrayCtor, length: number, who = "make-vector"): NumericArray {
  reserveExternal(who, length * ctor.BYTES_PER_ELEMENT);
  return vectorMemory()?.alloc(ctor, length) ?? new ctor(length);
}
