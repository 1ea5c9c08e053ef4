// What native (JIT-compiled) code returns instead of a value when the interpreter's stack is
// needed (DESIGN.md, "reification by return, not by exception"):
//
//   TailSignal  a tail call to run: the nearest non-tail caller runs it (a trampoline);
//   Reify       the native frames below must become interpreter frames: each native caller,
//               seeing it at its call site, appends its own frame (closure, resume pc, registers)
//               and returns it; the interpreter pushes them all and carries out `action`.
//
// One `instanceof Signal` check per non-tail call site serves both.

import { Value } from "../runtime/values.js";
import { Closure } from "../bytecode/code.js";
import { VmRequest } from "../vm/requests.js";

export abstract class Signal {}

export class TailSignal extends Signal {
  constructor(readonly fn: Value, readonly args: Value[]) { super(); }
}

/** A native activation, as the interpreter frame it stands for. */
export interface ReifiedFrame {
  readonly clo: Closure;
  /** Where the frame resumes (after its pending call), or the faulting pc for the innermost frame of a fault. */
  readonly retPc: number;
  /** The register receiving the pending call's value. */
  readonly dst: number;
  /** The callee slot of the pending call: the next inner frame starts at fp + base + 5. */
  readonly base: number;
  /** Every register of the frame. */
  readonly regs: Value[];
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
  /** Innermost first. */
  readonly frames: ReifiedFrame[] = [];
  constructor(readonly action: ReifyAction, readonly reason: string) { super(); }
}
