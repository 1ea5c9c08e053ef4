// What native (JIT-compiled) code returns instead of a value when the interpreter's stack is
// needed (DESIGN.md, "reification by return, not by exception"):
//
//   TailSignal  a tail call to run: the nearest non-tail caller runs it (a trampoline);
//   Reify       the native frames below must become interpreter frames: each native caller,
//               seeing it at its call site, writes its registers (and its callee's frame link)
//               straight into the interpreter's stack where the interpreter would have had the
//               frame (NativeRuntime.spill), and returns it; the interpreter then only moves
//               its fp to the innermost frame and carries out `action`.
//   Reenter     a real continuation invoked (in the same dynamic extent, or by %throw): control
//               never comes back to the native frames, so each returns it unspilled and the
//               interpreter reinstates the continuation where native code was entered.
//   Escape      a lazy continuation invoked (lazy-capture.ts): unspilled up to its owner.
//
// One `instanceof Signal` check per non-tail call site serves them all.

import { ContinuationProc, Value } from "../runtime/values.js";
import { Closure } from "../bytecode/code.js";
import { VmRequest } from "../vm/requests.js";
import type { PendingCapture } from "./lazy-capture.js";

export abstract class Signal {}

/** A continuation (its `cont` a real one) invoked from native code with `value`; see above. */
export class Reenter extends Signal {
  constructor(readonly k: ContinuationProc, readonly value: Value) { super(); }
}

export class TailSignal extends Signal {
  constructor(readonly fn: Value, readonly args: Value[]) { super(); }
}

export type ReifyAction =
  /** Call fn with args from the innermost frame's pending call site. */
  | { readonly kind: "call"; readonly fn: Value; readonly args: Value[] }
  /** A primitive's request (call/cc capture, continuation throw, uncaught raise, exit). */
  | { readonly kind: "request"; readonly req: VmRequest }
  /** A host exception at the innermost frame's retPc: raise it in Scheme there. */
  | { readonly kind: "fault"; readonly error: unknown }
  /** A failed speculation: the innermost frame continues in the interpreter at its retPc. */
  | { readonly kind: "resume" };

export class Reify extends Signal {
  /** Frames written to the interpreter's stack so far. */
  count = 0;
  // The innermost frame (the first one written), where the action is carried out:
  /** Its fp, an index of the segment NativeRuntime.S. */
  fp = 0;
  clo: Closure | null = null;
  /** Where it resumes (after its pending call), or the faulting pc for a fault or deoptimization. */
  pc = 0;
  /** The register receiving the pending call's value. */
  dst = 0;
  /** The callee slot of the pending call (the callee's frame starts at fp + base + 5). */
  base = 0;
  /** Lazy continuations whose owners this Reify passed (lazy-capture.ts), innermost first. */
  captures: PendingCapture[] | null = null;
  constructor(readonly action: ReifyAction, readonly reason: string) { super(); }
}
