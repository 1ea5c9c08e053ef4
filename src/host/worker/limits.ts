// Resource limits of a runtime worker thread: its native stack and its heap.
//
// Measured on Node 20.20 (x86-64 Linux, the project machine; `node /tmp/depth.mjs` style probe:
// a worker recursing until RangeError, see docs/cli.md "Worker thread"). The thread's stack
// is reserved virtual memory, committed only as deep recursion touches it, so a large
// reservation costs nothing until used, and spawning is as fast with 16 GB as with 4 MB.
//
//   stackSizeMb     JS frames, no locals     frames with 3 arguments + 3 locals
//   4 (default)     55,195                   26,145
//   64              929,008                  440,056
//   1024            14,910,021               7,062,641
//   2048            29,823,102               14,126,732
//
// So one MB holds about 14,500 trivial frames (72 bytes each) or 6,900 frames of a small
// function (150 bytes); the main thread's default (984 KB) holds about 10,800. Overflowing
// the stack inside native builtins (sort comparators, JSON, RegExp, new Function) is caught
// as a RangeError at every size tried, up to 2048 MB: Node keeps a 192 KB margin below V8's
// limit for C++ frames. Reaching the limit takes time (5 s for 1 GB of trivial frames) and
// touched stack pages stay resident, so the default is 1 GB: deep enough that the JIT's
// native depth budget is never the stack's size, small enough that a runaway recursion in JS
// ends in seconds.
//
// The heap: `maxOldGenerationSizeMb` makes running out of memory end only the worker (the
// main thread gets ERR_WORKER_OUT_OF_MEMORY and reports a Scheme-level "out of memory")
// instead of Node's fatal abort of the whole process. The default is what V8 would give the
// main thread on this machine, so programs get as much memory as before.

import { getHeapStatistics } from "node:v8";

/** Native stack of a runtime worker, in MB (see the measurements above). */
export const DEFAULT_STACK_MB = 1024;

/** The largest stack size tried and found reliable (RangeError, never a crash). */
export const MAX_TESTED_STACK_MB = 2048;

/** The heap limit V8 gives the main thread here: the default for a worker's old generation. */
export function defaultHeapMb(): number {
  return Math.floor(getHeapStatistics().heap_size_limit / (1024 * 1024));
}

export interface WorkerLimits {
  /** Native stack size in MB (`resourceLimits.stackSizeMb`). */
  stackMb?: number;
  /** Heap limit in MB (`resourceLimits.maxOldGenerationSizeMb`). */
  heapMb?: number;
}

/** Both limits filled in with their defaults. */
export function resolveLimits(limits: WorkerLimits = {}): Required<WorkerLimits> {
  return { stackMb: limits.stackMb ?? DEFAULT_STACK_MB, heapMb: limits.heapMb ?? defaultHeapMb() };
}
