// One interrupt mechanism for both tiers (DESIGN.md, "One interrupt mechanism"): Ctrl-C, an
// embedder's AbortSignal, time budgets and step (fuel) budgets.
//
// Every Scheme call and every loop iteration in the interpreter decrements `fuel` by one; only
// when it runs out does `poll()` look at the rest: a flag in shared memory (another thread, or
// a signal handler on the main thread, can set it while this thread is busy running a
// synchronous loop), a deadline, and the step budget. Native code (the JIT) does not write
// anything per call: a decrement is a store, and on call-bound code the store was 10% of the
// time. At every entry and loop iteration it reads the shared flag and `counting` (two loads,
// no store) and only when either is set calls `attention()`, which counts fuel as the
// interpreter does. `counting` is true while a time, step or memory budget is set. So the
// cost when no budget is set is two loads and a compare per native call. An interrupt ends the evaluation with
// `Interrupted`, a JS error that Scheme handlers never see (untrusted code cannot catch its
// way out of a budget); it leaves `Interpreter.run` with a Scheme backtrace and the runtime
// stays usable.

import type { BacktraceEntry } from "../vm/requests.js";

/** Values of the shared flag (index 0 of `flag`). */
export const INTERRUPT_NONE = 0;
/** A user interrupt (Ctrl-C). */
export const INTERRUPT_USER = 1;
/** The embedder aborted the evaluation (AbortSignal, `interrupt()`). */
export const INTERRUPT_ABORT = 2;

export type InterruptReason = "interrupt" | "abort" | "timeout" | "steps" | "memory";

const MESSAGES: Record<InterruptReason, string> = {
  interrupt: "user interrupt",
  abort: "evaluation aborted",
  timeout: "time limit exceeded",
  steps: "step limit exceeded",
  memory: "out of memory",
};

/** Calls and loop iterations between two looks at the flag and the clock (about 0.1 ms of native code). */
const CHUNK = 10_000;

export class Interrupted extends Error {
  /** Where the computation was, innermost first (filled in by the interpreter). */
  backtrace: BacktraceEntry[] = [];
  constructor(readonly reason: InterruptReason) { super(MESSAGES[reason]); }
}

export class Interrupts {
  /** Decremented at every call and loop iteration; `poll()` runs when it goes below zero. */
  fuel = CHUNK - 1;
  /** [0]: INTERRUPT_NONE, _USER or _ABORT. Shared memory when the platform has it. */
  readonly flag: Int32Array;
  private deadline = Infinity;
  private stepsLeft = Infinity;
  /** `fuel` as the last refill set it, to count the steps actually taken. */
  private granted = CHUNK - 1;
  /** A memory limit (bytes of heap in use) and how to measure it; looked at every 4th poll. */
  private heapLimit = Infinity;
  private heapUsed: () => number = () => 0;
  private polls = 0;
  /**
   * A budget (time, steps or memory) is set: native code must count fuel (`attention()`).
   * Without one, native code only looks at the flag, which other threads write.
   */
  counting = false;

  constructor(shared?: SharedArrayBuffer) {
    const buffer = shared ?? (typeof SharedArrayBuffer === "function" ? new SharedArrayBuffer(4) : new ArrayBuffer(4));
    this.flag = new Int32Array(buffer);
  }

  /** Ask the running evaluation to stop at its next poll (safe from any thread holding the buffer). */
  request(kind: typeof INTERRUPT_USER | typeof INTERRUPT_ABORT = INTERRUPT_USER): void {
    Atomics.store(this.flag, 0, kind);
    this.fuel = 0;  // same thread (e.g. a budget callback): look at the flag at the very next poll
  }

  /** Forget a pending interrupt (before the next evaluation). */
  clear(): void { Atomics.store(this.flag, 0, INTERRUPT_NONE); }

  /** Limit the next evaluations: `ms` of wall time from now, `steps` calls and loop iterations. */
  setBudget(budget: { ms?: number; steps?: number }): void {
    this.deadline = budget.ms !== undefined ? now() + budget.ms : Infinity;
    this.stepsLeft = budget.steps !== undefined ? budget.steps : Infinity;
    this.refill();
    this.updateCounting();
  }

  private updateCounting(): void {
    this.counting = this.deadline !== Infinity || this.stepsLeft !== Infinity || this.heapLimit !== Infinity;
  }

  /**
   * Native code's poll, called at an entry (1 step) or every few loop iterations (that many
   * steps) when the flag is set or a budget counts, as the interpreter's `if (--fuel < 0) poll()`.
   */
  attention(steps: number): void {
    if ((this.fuel -= steps) < 0 || Atomics.load(this.flag, 0) !== INTERRUPT_NONE) this.poll();
  }

  clearBudget(): void { this.setBudget({}); }

  /**
   * Stop evaluations with "out of memory" once `heapUsed()` passes `bytes` (Infinity: never).
   * Measured between chunks of steps, so it catches allocation in Scheme loops, not a single
   * huge allocation (size checks bound those). The runtime stays usable afterwards.
   */
  setMemoryLimit(bytes: number, heapUsed: () => number): void {
    this.heapLimit = bytes;
    this.heapUsed = heapUsed;
    this.updateCounting();
  }

  /** Steps left in the budget (Infinity without one). */
  get remainingSteps(): number { return Math.max(0, this.stepsLeft - (this.granted - this.fuel)); }

  /** Fuel ran out: look at the flag, the clock and the step budget; throws `Interrupted` to stop. */
  poll(): void {
    this.stepsLeft -= this.granted - this.fuel;
    const f = Atomics.load(this.flag, 0);
    if (f !== INTERRUPT_NONE) { this.stop(); throw new Interrupted(f === INTERRUPT_USER ? "interrupt" : "abort"); }
    if (this.deadline !== Infinity && now() >= this.deadline) { this.stop(); throw new Interrupted("timeout"); }
    if (this.stepsLeft < 0) { this.stepsLeft = 0; this.stop(); throw new Interrupted("steps"); }
    this.refill();
    if (this.heapLimit !== Infinity && (++this.polls & 3) === 0 && this.heapUsed() > this.heapLimit) {
      throw new Interrupted("memory");
    }
  }

  /**
   * Look at the flag and the clock only, counting no step: for work that is not Scheme steps
   * but can take long, such as expanding and compiling a deeply nested program.
   */
  check(): void {
    const f = Atomics.load(this.flag, 0);
    if (f !== INTERRUPT_NONE) { this.stop(); throw new Interrupted(f === INTERRUPT_USER ? "interrupt" : "abort"); }
    if (this.deadline !== Infinity && now() >= this.deadline) { this.stop(); throw new Interrupted("timeout"); }
  }

  /** Stay interrupted: every later poll point polls (and throws) until the budget or flag is reset. */
  private stop(): void { this.fuel = this.granted = -1; }

  /** Poll again after min(CHUNK, stepsLeft) steps (fuel goes below zero on the last one). */
  private refill(): void {
    this.granted = this.fuel = Math.min(CHUNK, this.stepsLeft) - 1;
  }
}

function now(): number { return performance.now(); }
