// A Kiln runtime on a worker thread, seen from the thread that starts it (the "host side").
//
// Why a worker: (1) a native stack as large as we like (`resourceLimits.stackSizeMb`), so the
// JIT's native code can recurse deeply; (2) a heap limit whose exhaustion ends only the worker,
// so the host reports "out of memory" and lives on; (3) the host thread's event loop stays free
// while Scheme code runs, so a SIGINT handler or a timer can set the interrupt flag that the
// runtime polls (src/runtime/interrupts.ts), in both tiers.
//
// What it gives: `RuntimeWorker`: starts `entry` (a module that calls `workerContext()` from
// ./inside.ts) with `data`, exposes the shared interrupt buffer, a request/reply channel
// (`request`, answered by the worker's `serve` handler), events the worker sends unasked
// (`onEvent`), and `outcome`: how the worker ended (exit code, out of memory, crash).
// The worker shares the process's file descriptors: it reads and writes 0, 1 and 2 with
// fs.readSync/writeSync itself, so output order and exit flushing are the worker's business
// and nothing is relayed through this thread.
//
// Users: the CLI (src/cli/launch.ts), the embedding API's memory limit, the Web Worker variant
// and the parallel pool.

import { MessageChannel, Worker } from "node:worker_threads";
import { INTERRUPT_USER, INTERRUPT_ABORT } from "../../runtime/interrupts.js";
import { WorkerLimits, resolveLimits } from "./limits.js";
import { SHARED_SLOTS, SLOT_INPUT_READY, SLOT_INTERRUPT } from "./protocol.js";
import { serveStdin } from "./stdin-relay.js";
import type { HostToWorker, WorkerToHost, WorkerSetup } from "./protocol.js";

/** How a runtime worker ended. */
export type WorkerOutcome =
  /** The worker ended normally or by `process.exit(code)` inside it (the program's exit status). */
  | { readonly kind: "exit"; readonly code: number }
  /** The heap limit was reached: V8 stopped the worker, this thread is unharmed. */
  | { readonly kind: "out-of-memory"; readonly heapMb: number }
  /** The worker threw something it did not catch (a bug in the entry module). */
  | { readonly kind: "crash"; readonly error: Error };

export interface RuntimeWorkerOptions<D> extends WorkerLimits {
  /** The module run on the worker thread; it calls `workerContext()` (./inside.ts). */
  readonly entry: URL;
  /** Handed to the entry module (structured clone: plain data only). */
  readonly data: D;
  /** Shared memory for the interrupt flag; a new buffer when absent. */
  readonly interruptBuffer?: SharedArrayBuffer;
  /**
   * Whether the worker may read standard input (relayed by this thread on demand, so that an
   * interrupt ends a read; see stdin-relay.ts). Off: this thread never touches fd 0.
   */
  readonly stdin?: boolean;
}

/** The text a host prints when a worker ran out of memory (the CLI adds its exit status 70). */
export function outOfMemoryMessage(heapMb: number): string {
  return `out of memory: the program needed more than the heap limit of ${heapMb} MB`;
}

export class RuntimeWorker<D = unknown> {
  readonly worker: Worker;
  readonly interruptBuffer: SharedArrayBuffer;
  readonly limits: Required<WorkerLimits>;
  /** Settles once, when the worker has ended. */
  readonly outcome: Promise<WorkerOutcome>;
  private readonly flag: Int32Array;
  private readonly pending = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();
  private nextId = 1;
  private eventHandler: (body: unknown) => void = () => {};
  private ended: WorkerOutcome | null = null;

  constructor(options: RuntimeWorkerOptions<D>) {
    this.limits = resolveLimits(options);
    this.interruptBuffer = options.interruptBuffer ?? new SharedArrayBuffer(4 * SHARED_SLOTS);
    this.flag = new Int32Array(this.interruptBuffer);
    const channel = options.stdin ? new MessageChannel() : null;
    const setup: WorkerSetup<D> = {
      data: options.data, interruptBuffer: this.interruptBuffer, limits: this.limits, stdinPort: channel?.port2 ?? null,
    };
    if (channel) serveStdin(channel.port1, this.flag);
    this.worker = new Worker(options.entry, {
      workerData: setup,
      transferList: channel ? [channel.port2] : [],
      resourceLimits: { stackSizeMb: this.limits.stackMb, maxOldGenerationSizeMb: this.limits.heapMb },
      // The worker writes fds 1 and 2 itself; these only catch stray console output, unbuffered.
      stdout: false, stderr: false,
    });
    this.worker.on("message", (m: WorkerToHost) => this.receive(m));
    this.outcome = new Promise<WorkerOutcome>((resolve) => {
      let failure: Error | null = null;
      this.worker.on("error", (e: Error & { code?: string }) => { failure = e; });
      this.worker.on("exit", (code) => {
        const f = failure as (Error & { code?: string }) | null;
        const outcome: WorkerOutcome = f === null ? { kind: "exit", code }
          : f.code === "ERR_WORKER_OUT_OF_MEMORY" ? { kind: "out-of-memory", heapMb: this.limits.heapMb }
          : { kind: "crash", error: f };
        this.ended = outcome;
        for (const p of this.pending.values()) p.reject(new Error("the runtime worker ended"));
        this.pending.clear();
        resolve(outcome);
      });
    });
  }

  /** Whether the worker has ended (then `outcome` is settled). */
  get done(): boolean { return this.ended !== null; }

  /** Ask the running evaluation to stop (a user interrupt, or an abort); safe at any time. */
  interrupt(kind: typeof INTERRUPT_USER | typeof INTERRUPT_ABORT = INTERRUPT_USER): void {
    Atomics.store(this.flag, SLOT_INTERRUPT, kind);
    Atomics.notify(this.flag, SLOT_INPUT_READY);  // a read of standard input ends too
  }

  /** Forget a pending interrupt (before starting an evaluation, so an old Ctrl-C cannot stop it). */
  clearInterrupt(): void { Atomics.store(this.flag, SLOT_INTERRUPT, 0); }


  /** Send a request to the worker's `serve` handler; resolves with its answer. */
  request<R = unknown>(body: unknown): Promise<R> {
    if (this.ended) return Promise.reject(new Error("the runtime worker ended"));
    const id = this.nextId++;
    return new Promise<R>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.worker.postMessage({ kind: "request", id, body } satisfies HostToWorker);
    });
  }

  /** Handle messages the worker sends unasked (`context.emit`). */
  onEvent(handler: (body: unknown) => void): void { this.eventHandler = handler; }

  /** Stop the worker now (whatever it is doing). */
  async terminate(): Promise<WorkerOutcome> {
    await this.worker.terminate();
    return this.outcome;
  }

  /** Let the process exit while this worker still exists (it is ended with the process). */
  unref(): void { this.worker.unref(); }

  private receive(m: WorkerToHost): void {
    if (m.kind === "event") { this.eventHandler(m.body); return; }
    const p = this.pending.get(m.id);
    if (!p) return;
    this.pending.delete(m.id);
    if (m.ok) p.resolve(m.value);
    else p.reject(new Error(m.error));
  }
}
