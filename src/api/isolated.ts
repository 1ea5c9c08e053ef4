// The text API on a worker thread: untrusted code with a real heap limit (issue 9).
//
// `createIsolatedKiln(options)` runs a sandboxed runtime (the same one `createKiln()` gives)
// on a runtime worker (src/host/worker) started with `resourceLimits`: the heap limit is
// V8's own, so a program that allocates without bound, or a single allocation too big for
// the limit, ends only the worker. The host thread lives on and gets an ordinary result,
// `{ ok: false, error: "out of memory: ..." }`; the next evaluation starts a fresh runtime
// (the definitions of the one that ran out are gone). While code runs, the host thread's
// event loop is free: `interrupt()` stops the evaluation (in both tiers, through the shared
// flag of src/runtime/interrupts.ts), and time and step limits are enforced in the worker.
//
// Evaluations are queued and run one at a time, in one top level whose definitions persist.
// `createKiln()` (src/api/index.ts) stays the synchronous, same-thread API; its memory limit
// is a polled check only (docs/security.md says what each promises).

import { RuntimeWorker, WorkerOutcome, outOfMemoryMessage } from "../host/worker/runtime-worker.js";
import { INTERRUPT_ABORT } from "../runtime/interrupts.js";
import type { EvalResult } from "./index.js";

export interface IsolatedKilnOptions {
  /** Heap limit of the worker in MB (V8's old generation; at least 32, default Node's own). */
  memoryLimitMb?: number;
  /** Native stack of the worker in MB (default 1024: deep recursion and deeply nested programs). */
  stackMb?: number;
  /** Default time limit of each evaluation, in ms (none by default). */
  timeLimit?: number;
  /** Default step limit (calls, loop iterations, macro uses) of each evaluation (none by default). */
  stepLimit?: number;
  /** Compile hot procedures to JavaScript (default true). */
  jit?: boolean;
}

export interface IsolatedEvaluateOptions {
  /** File name in positions and backtraces (default "<eval>"). */
  file?: string;
  /** Time limit in ms for this evaluation (overrides the instance's default). */
  timeLimit?: number;
  /** Step limit for this evaluation (overrides the instance's default). */
  stepLimit?: number;
}

/** How an isolated evaluation ended, beyond ok/error: "out-of-memory" means a fresh runtime follows. */
export interface IsolatedEvalResult extends EvalResult {
  readonly outOfMemory: boolean;
}

/** What the worker entry (isolated-worker.ts) receives. */
export interface IsolatedSetup {
  readonly jit: boolean;
}

/** An evaluation request to the worker. */
export interface IsolatedRequest {
  readonly source: string;
  readonly file: string;
  readonly timeLimit?: number;
  readonly stepLimit?: number;
}

/** The smallest heap limit accepted: a runtime needs about 15 MB of heap to start. */
export const MIN_MEMORY_MB = 32;

export class IsolatedKiln {
  private worker: RuntimeWorker<IsolatedSetup> | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  private closed = false;

  constructor(private readonly options: IsolatedKilnOptions = {}) {
    const mb = options.memoryLimitMb;
    if (mb !== undefined && !(Number.isFinite(mb) && mb >= MIN_MEMORY_MB)) {
      throw new RangeError(`kiln: memoryLimitMb must be a number >= ${MIN_MEMORY_MB}`);
    }
    for (const [name, v] of [["timeLimit", options.timeLimit], ["stepLimit", options.stepLimit], ["stackMb", options.stackMb]] as const) {
      if (v !== undefined && !(typeof v === "number" && v >= 0)) throw new RangeError(`kiln: ${name} must be a number >= 0`);
    }
  }

  /**
   * Evaluate source in the worker's top level. Resolves with the result, whatever happens to
   * the program: a Scheme error, an exhausted budget, an interrupt or running out of memory
   * are `ok: false` with a message; the promise rejects only after `close()`.
   */
  evaluate(source: string, options: IsolatedEvaluateOptions = {}): Promise<IsolatedEvalResult> {
    if (this.closed) return Promise.reject(new Error("kiln: the isolated instance is closed"));
    const run = this.queue.then(() => this.run({
      source, file: options.file ?? "<eval>",
      timeLimit: options.timeLimit ?? this.options.timeLimit, stepLimit: options.stepLimit ?? this.options.stepLimit,
    }));
    this.queue = run.catch(() => {});
    return run;
  }

  /** Stop the running evaluation, if any ("evaluation aborted"); the instance stays usable. */
  interrupt(): void { this.worker?.interrupt(INTERRUPT_ABORT); }

  /** End the worker; later evaluations reject. */
  async close(): Promise<void> {
    this.closed = true;
    const w = this.worker;
    this.worker = null;
    if (w !== null && !w.done) await w.terminate();
  }

  private start(): RuntimeWorker<IsolatedSetup> {
    if (this.worker === null || this.worker.done) {
      this.worker = new RuntimeWorker<IsolatedSetup>({
        entry: new URL("./isolated-worker.js", import.meta.url),
        data: { jit: this.options.jit ?? true },
        heapMb: this.options.memoryLimitMb, stackMb: this.options.stackMb,
      });
      // An idle instance does not keep the host process alive.
      this.worker.unref();
    }
    return this.worker;
  }

  private async run(req: IsolatedRequest): Promise<IsolatedEvalResult> {
    if (this.closed) throw new Error("kiln: the isolated instance is closed");
    const w = this.start();
    w.clearInterrupt();
    w.worker.ref();
    try {
      return { ...await w.request<EvalResult>(req), outOfMemory: false };
    } catch (e) {
      if (!w.done && !this.closed) throw e;  // not the worker ending: a bug in the entry module
      return ended(await w.outcome);
    } finally {
      if (!w.done) w.worker.unref();
    }
  }
}

/** The result of an evaluation whose worker ended under it. */
function ended(outcome: WorkerOutcome): IsolatedEvalResult {
  const fail = (error: string, outOfMemory = false): IsolatedEvalResult =>
    ({ ok: false, value: "", output: "", error: error + "\n", outOfMemory });
  switch (outcome.kind) {
    case "out-of-memory": return fail(outOfMemoryMessage(outcome.heapMb).replace("the program", "the evaluation"), true);
    case "exit": return fail(`the isolated runtime ended (status ${outcome.code})`);
    case "crash": return fail(`internal error: ${outcome.error.message}`);
  }
}

/** A sandboxed runtime on its own worker thread, with a heap limit it cannot pass (see above). */
export function createIsolatedKiln(options: IsolatedKilnOptions = {}): IsolatedKiln {
  return new IsolatedKiln(options);
}
