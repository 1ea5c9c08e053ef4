// Room on the heap for one big allocation, where a heap limit is in force (a runtime worker
// started with `resourceLimits`, src/host/worker).
//
// Reaching a worker's heap limit is survivable only by a small margin: Node raises the limit
// by 16 MB and ends the worker ("out of memory", the host lives on), but an allocation that
// does not fit even then is a fatal error of the whole process. Growing a fast JS array by
// push allocates a backing store 1.5 times the old one while the old one is alive, so one
// `(make-vector 20000000 0)` under a 100 MB limit killed the process. So the primitives that
// build one big array from a size or from other data ask here first (`reserveHeap`); an
// allocation that does not fit under the limit, even after a full collection, is the Scheme
// error "WHO: out of memory", which the program can catch, instead of a fatal error.
//
// Bytevectors (and binary port buffers) live outside V8's heap, in ArrayBuffers the heap limit
// does not bound: a program keeping many 1 MB bytevectors would take the machine's memory, not
// the limit's. So the memory in use counts this thread's ArrayBuffers too, and external
// allocations are checked as they add up (`reserveExternal`), not only one big one at a time.
//
// Platform-neutral: the worker installs the limit and how to measure the memory in use (heap
// and ArrayBuffers, `setHeapLimit`); with none (the main thread, a browser) nothing is checked.
// The limit is per thread, as the heap is, so module state is right here: every runtime of the
// thread shares the one heap.

import { schemeError } from "./errors.js";

/** Allocations smaller than this are never checked (the 16 MB margin absorbs them). */
const CHECKED_BYTES = 4 * 1024 * 1024;

let limitBytes = Infinity;
/** Bytes of heap in use; `precise`: after a full collection, when the platform can do one. */
let heapUsed: (precise: boolean) => number = () => 0;

/** Install this thread's heap limit (bytes) and how to measure the heap in use. */
export function setHeapLimit(bytes: number, measure: (precise: boolean) => number): void {
  limitBytes = bytes;
  heapUsed = measure;
}

/** Raise "who: out of memory" unless `bytes` more fit under this thread's heap limit. */
export function reserveHeap(who: string, bytes: number): void {
  if (bytes < CHECKED_BYTES || limitBytes === Infinity) return;
  check(who, bytes);
}

/** External bytes allocated since the memory in use was last measured. */
let unmeasured = 0;

/**
 * `reserveHeap` for memory outside V8's heap (a bytevector's buffer): small allocations are
 * counted and the memory in use is measured once they add up to CHECKED_BYTES, so a program
 * cannot go past the limit by many small steps.
 */
export function reserveExternal(who: string, bytes: number): void {
  if (limitBytes === Infinity) return;
  unmeasured += bytes;
  if (unmeasured < CHECKED_BYTES) return;
  unmeasured = 0;
  check(who, bytes);
}

/** Memory the thread holds that the measure does not see (the Wasm vector memory), by source. */
const otherMemory: (() => number)[] = [];

/** Count `bytes()` as memory in use too (wasm/vector-memory.ts: its WebAssembly.Memory is no ArrayBuffer the heap statistics see). */
export function countMemory(bytes: () => number): void { otherMemory.push(bytes); }

function inUse(precise: boolean): number {
  let n = heapUsed(precise);
  for (const f of otherMemory) n += f();
  return n;
}

function check(who: string, bytes: number): void {
  if (inUse(false) + bytes <= limitBytes || inUse(true) + bytes <= limitBytes) return;
  const mb = (n: number): string => `${Math.ceil(n / (1024 * 1024))} MB`;
  schemeError(`${who}: out of memory: ${mb(bytes)} more do not fit under the heap limit of ${mb(limitBytes)}`);
}

/** Bytes a string of `n` UTF-16 code units needs when flattened (a rope made by appending). */
export function stringBytes(n: number): number { return n * 2; }

/** Bytes a JS array of `n` elements may need while it is built (old and new backing stores). */
export function arrayBytes(n: number): number { return n * 16; }
