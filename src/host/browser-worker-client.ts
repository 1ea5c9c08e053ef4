// The page side of Kiln in a Web Worker: `KilnWorker` starts the worker script
// (dist/browser/kiln-worker.js), runs programs in it one at a time, streams their output to
// the page's sinks, and stops a run on request.
//
// Stopping: in a cross-origin isolated page (served with COOP/COEP headers) the worker shares
// a flag in a SharedArrayBuffer and the runtime stops at its next call or loop back-edge,
// keeping its definitions. Elsewhere a busy worker cannot hear a message, so the client
// terminates it and starts a fresh one; `stop()` says which happened.

import type { FromWorker, ToWorker } from "./browser-worker-protocol.js";
import type { RunResult } from "./browser.js";
import type { JitStats } from "../jit/jit.js";

/** The parts of a `Worker` used here (typed without the DOM library). */
export interface WorkerLike {
  postMessage(message: ToWorker): void;
  terminate(): void;
  onmessage: ((event: { data: FromWorker }) => void) | null;
  onerror: ((event: { message?: string }) => void) | null;
}

export interface KilnWorkerOptions {
  /** Makes a new worker running kiln-worker.js, e.g. `() => new Worker(url)`. */
  spawn: () => WorkerLike;
  stdout?: (text: string) => void;
  stderr?: (text: string) => void;
  jit?: { enabled?: boolean; threshold?: number };
  /**
   * Web Workers of (kiln parallel), started by the program's worker on its first future when the
   * page is cross-origin isolated (default: `navigator.hardwareConcurrency`; 0: none, futures
   * run in the program's worker when touched).
   */
  workers?: number;
}

export interface WorkerRunResult extends RunResult {
  /** The JIT's statistics of the worker's runtime, after the run. */
  stats: JitStats;
  /** The run was stopped by replacing the worker (its runtime and definitions are gone). */
  restarted: boolean;
}

interface PendingRun { id: number; resolve: (r: WorkerRunResult) => void; reject: (e: Error) => void }

/** The interrupt flag value the runtime reads as "aborted by the embedder" (runtime/interrupts.ts). */
const INTERRUPT_ABORT = 2;

export class KilnWorker {
  private worker!: WorkerLike;
  private flag: Int32Array | null = null;
  private nextId = 1;
  private current: PendingRun | null = null;
  private ready!: Promise<void>;

  constructor(private readonly options: KilnWorkerOptions) { this.start(); }

  /** Whether a run can be stopped without losing the runtime's state (shared memory available). */
  get interruptible(): boolean { return this.flag !== null; }

  /** Whether a program is running now. */
  get busy(): boolean { return this.current !== null; }

  private start(): void {
    const shared = typeof SharedArrayBuffer === "function" && (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated === true
      ? new SharedArrayBuffer(4) : null;
    this.flag = shared ? new Int32Array(shared) : null;
    const worker = this.options.spawn();
    this.worker = worker;
    this.ready = new Promise((resolve, reject) => {
      worker.onerror = (ev) => {
        const err = new Error(`kiln worker failed: ${ev.message ?? "unknown error"}`);
        reject(err);
        this.settleWithError(err);
      };
      worker.onmessage = ({ data }) => {
        if (data.type === "ready") resolve();
        else if (data.type === "output") (data.stream === "stdout" ? this.options.stdout : this.options.stderr ?? this.options.stdout)?.(data.text);
        else if (data.type === "done" && this.current?.id === data.id) {
          const c = this.current;
          this.current = null;
          c.resolve({ ...data.result, stats: data.stats, restarted: false });
        }
      };
    });
    const location = (globalThis as { location?: { href: string } }).location;
    worker.postMessage({ type: "init", interruptFlag: shared, jit: this.options.jit, baseUrl: location?.href ?? "", workers: this.options.workers });
  }

  private settleWithError(err: Error): void {
    const c = this.current;
    this.current = null;
    c?.reject(err);
  }

  /** Run a program in the worker's persistent top level; resolves when it ends (or is stopped). */
  async run(source: string, options: { file?: string; stdin?: string } = {}): Promise<WorkerRunResult> {
    if (this.current !== null) throw new Error("kiln worker: a program is already running");
    await this.ready;
    if (this.flag) Atomics.store(this.flag, 0, 0);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.current = { id, resolve, reject };
      this.worker.postMessage({ type: "run", id, source, file: options.file ?? "<program>", stdin: options.stdin ?? "" });
    });
  }

  /**
   * Stop the running program; resolves when it has ended. "interrupted": the runtime stopped
   * it at a call or loop back-edge and keeps its state; "restarted": the worker was replaced by
   * a fresh one (no shared memory, or the run did not stop within `graceMs`); "idle": nothing
   * was running.
   */
  async stop(graceMs = 1000): Promise<"interrupted" | "restarted" | "idle"> {
    const c = this.current;
    if (c === null) return "idle";
    if (this.flag !== null) {
      Atomics.store(this.flag, 0, INTERRUPT_ABORT);
      const ended = await new Promise<boolean>((resolve) => {
        const started = Date.now();
        const check = (): void => {
          if (this.current !== c) resolve(true);
          else if (Date.now() - started >= graceMs) resolve(false);
          else setTimeout(check, 10);
        };
        check();
      });
      if (ended) return "interrupted";
    }
    this.restart(c);
    return "restarted";
  }

  /** Replace a busy worker by a fresh one, ending its run as stopped. */
  private restart(c: PendingRun): void {
    this.current = null;
    this.worker.terminate();
    this.start();
    c.resolve({
      ok: false, value: "", error: "stopped (the worker was restarted: earlier definitions are gone)\n",
      position: null, interrupted: "abort", ms: 0, restarted: true,
      stats: { compiled: 0, failed: 0, compileMs: 0, deopts: 0, reifications: 0, resumes: 0, jsChars: 0, inlined: 0 },
    });
  }

  /** End the worker for good. */
  terminate(): void {
    this.worker.terminate();
    this.settleWithError(new Error("kiln worker terminated"));
  }
}
