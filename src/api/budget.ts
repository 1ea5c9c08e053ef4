// Time limit, step limit and AbortSignal of one evaluation, on top of the runtime's one
// interrupt mechanism (src/runtime/interrupts.ts: a fuel counter polled at every call and loop
// iteration in both tiers). An evaluation runs in slices (one, or one per await); the budget
// carries what is left from slice to slice, and while the evaluation waits for a promise it
// races that promise against the deadline and the signal. Running out ends the evaluation with
// `Interrupted`, which Scheme code cannot catch.
//
// A synchronous loop blocks the event loop, so an AbortSignal aborted by a timer or by I/O is
// seen only between slices (evaluateAsync) or when JS code called from Scheme aborts it; use a
// time limit to bound a synchronous evaluation (or run the runtime on a worker thread).

import { INTERRUPT_ABORT, Interrupted, Interrupts } from "../runtime/interrupts.js";

export interface BudgetOptions {
  /** Milliseconds of wall time for the whole evaluation (waiting for promises included). */
  timeLimit?: number;
  /** Calls and loop iterations for the whole evaluation. */
  stepLimit?: number;
  /** Aborting it stops the evaluation. */
  signal?: AbortSignal;
}

export class Budget {
  private readonly deadline: number;
  private steps: number;
  private readonly signal: AbortSignal | null;

  constructor(private readonly interrupts: Interrupts, options: BudgetOptions) {
    for (const [name, v] of [["timeLimit", options.timeLimit], ["stepLimit", options.stepLimit]] as const) {
      if (v !== undefined && !(typeof v === "number" && v >= 0)) throw new RangeError(`kiln: ${name} must be a number >= 0`);
    }
    this.deadline = options.timeLimit !== undefined ? performance.now() + options.timeLimit : Infinity;
    this.steps = options.stepLimit ?? Infinity;
    this.signal = options.signal ?? null;
  }

  /** Whether this budget limits anything at all. */
  get limited(): boolean { return this.deadline !== Infinity || this.steps !== Infinity || this.signal !== null; }

  /** Run one slice of the evaluation under what is left of the budget. */
  slice<T>(run: () => T): T {
    const ints = this.interrupts;
    if (!this.limited) return run();
    if (this.signal?.aborted) throw new Interrupted("abort");
    // Slices between awaits can be shorter than a poll interval: look at the clock here too.
    if (performance.now() >= this.deadline) throw new Interrupted("timeout");
    ints.clear();
    ints.setBudget({
      ms: this.deadline === Infinity ? undefined : Math.max(0, this.deadline - performance.now()),
      steps: this.steps === Infinity ? undefined : this.steps,
    });
    const onAbort = (): void => ints.request(INTERRUPT_ABORT);
    this.signal?.addEventListener("abort", onAbort);
    try {
      return run();
    } finally {
      if (this.steps !== Infinity) this.steps = ints.remainingSteps;
      ints.clearBudget();
      ints.clear();
      this.signal?.removeEventListener("abort", onAbort);
    }
  }

  /** Wait for a promise the evaluation awaits, unless the deadline passes or the signal aborts first. */
  wait(p: PromiseLike<unknown>): PromiseLike<unknown> {
    if (this.deadline === Infinity && this.signal === null) return p;
    return new Promise((resolve, reject) => {
      let timer: ReturnType<typeof setTimeout> | null = null;
      const onAbort = (): void => { done(); reject(new Interrupted("abort")); };
      const done = (): void => {
        if (timer !== null) clearTimeout(timer);
        this.signal?.removeEventListener("abort", onAbort);
      };
      if (this.signal?.aborted) { reject(new Interrupted("abort")); return; }
      this.signal?.addEventListener("abort", onAbort);
      if (this.deadline !== Infinity) {
        timer = setTimeout(() => { done(); reject(new Interrupted("timeout")); }, Math.max(0, this.deadline - performance.now()));
      }
      p.then((v) => { done(); resolve(v); }, (e) => { done(); reject(e); });
    });
  }
}
