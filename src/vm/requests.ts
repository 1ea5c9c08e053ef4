// What a VM-level primitive can ask of the interpreter instead of returning a value: the
// operations that need the interpreter's own state (its stack, frames, dynamic state). A
// primitive returns one of these; the interpreter carries it out at the call site, knowing
// whether that call was a tail call.

import { Value, ContinuationProc } from "../runtime/values.js";

export abstract class VmRequest {}

/** Call `fn` with `args` in place of the primitive (apply, call-with-values, eval). */
export class TailCall extends VmRequest {
  constructor(readonly fn: Value, readonly args: Value[]) { super(); }
}
/** call/cc: capture the continuation of this call and call `receiver` with it. */
export class Capture extends VmRequest {
  constructor(readonly receiver: Value) { super(); }
}
/** Resume continuation `k` with `value` (dynamic-wind transitions already done). */
export class Throw extends VmRequest {
  constructor(readonly k: ContinuationProc, readonly value: Value) { super(); }
}
/** No handler is installed: stop the run with this raised object and a backtrace. */
export class Uncaught extends VmRequest {
  constructor(readonly payload: Value) { super(); }
}
/** `exit` / `emergency-exit`. */
export class Exit extends VmRequest {
  constructor(readonly code: number) { super(); }
}

/** Thrown out of the interpreter for an uncaught raise; the CLI prints it. */
export class UncaughtError extends Error {
  constructor(readonly payload: Value, readonly backtrace: BacktraceEntry[]) { super("uncaught Scheme exception"); }
}
export class ExitSignal extends Error {
  constructor(readonly code: number) { super(`exit ${code}`); }
}

export interface BacktraceEntry {
  readonly name: string;
  readonly file: string | null;
  readonly line: number;
  readonly column: number;
}

/**
 * `(await promise)`: end the current run, handing back the promise and the continuation of
 * the await; the async driver (src/interop/async.ts) resumes `k` when the promise settles.
 */
export class Suspend extends VmRequest {
  constructor(readonly promise: PromiseLike<unknown>, readonly k: ContinuationProc) { super(); }
}
