// The primitives behind (kiln parallel) (src/lib/libraries/kiln/parallel.sld), platform-neutral:
// the pool itself comes from the host through `ParallelOptions.start` (src/parallel/node.ts on
// Node, web.ts in a browser). A runtime without it (a sandbox, a page that is not cross-origin
// isolated) runs futures in the calling thread when they are touched, after the same checks, so
// a program means the same everywhere.
//
//   %future proc args      a Future; the task (proc . args) is copied to the pool now
//   %touch f               its value, or the task's error raised again here
//   %make-channel, %channel-put, %channel-get
//   %parallel-size         how many workers (1 without a pool); starts nothing
//   %chunks xs n           a list or vector cut into n consecutive pieces of the same kind
//   %check-sendable who proc args   the checks a pool would make, for the local fallback

import { Value, Pair, NIL, UNSPECIFIED, ErrorObject, listToArray, arrayToList, isProcedure, intern } from "../runtime/values.js";
import { prim, PrimSpec, toPrimitive } from "../runtime/primitive.js";
import { SchemeError, schemeError, typeError } from "../runtime/errors.js";
import { Interrupted, INTERRUPT_USER } from "../runtime/interrupts.js";
import { readAll } from "../reader/reader.js";
import { Closure } from "../bytecode/code.js";
import { UncaughtError, ExitSignal } from "../vm/requests.js";
import type { Runtime } from "../api/runtime.js";
import type { Failure, PoolStatistics } from "./protocol.js";
import { Names } from "./naming.js";
import { Transfer, Future, Channel } from "./transfer.js";
import { lostTask, setWorkerBacktrace } from "./errors.js";
import { writeString } from "../runtime/printer.js";

/** What a pool offers a runtime (one thread's side of it: src/parallel/participant.ts). */
export interface ParallelBackend {
  readonly size: number;
  newId(): number;
  spawn(bytes: Uint8Array): number;
  wait(id: number): { value: Uint8Array | null; failure: Failure | null };
  /** The future of task `id` is garbage, never touched: its outcome is not wanted. */
  forget(id: number): void;
  put(channel: number, bytes: Uint8Array): void;
  get(channel: number): Uint8Array;
  statistics(): PoolStatistics;
  /** The owner's side: a library declared after the pool started (workers never declare by text). */
  declare?(text: string): void;
  /** Results held for futures not touched yet (the owner's side; tests watch it). */
  held?(): number;
}

/** How a runtime gets a pool: options of RuntimeOptions.parallel. */
export interface ParallelOptions {
  /** Number of workers (default: KILN_WORKERS, else the machine's cores). */
  workers?: number;
  /** The machine's cores, as the host sees them (the default number of workers). */
  cores?: number;
  /** Start the pool for this runtime (called on first use); absent: futures run in the caller. */
  start?: (rt: Runtime, workers: number | undefined, declared: string[]) => ParallelBackend;
  /** This runtime is a pool worker: use this backend (its own side of the pool) at once. */
  backend?: ParallelBackend;
}

/** Scheme-side helpers: the nested run of a task applies %task-proc to %task-args. */
const SCHEME_SIDE = `
(define %task-proc #f)
(define %task-args '())
(define (%run-task) (apply %task-proc %task-args))
`;

/** A runtime's parallel state: its pool (started on first use), names and transfer. */
export class Parallel {
  readonly names: Names;
  readonly transfer: Transfer;
  private backend: ParallelBackend | null;
  private readonly localChannels = new Map<number, Value[]>();
  private localIds = 0;
  private taskCells: { proc: { value: Value }; args: { value: Value }; run: Closure } | null = null;
  /** Libraries declared by evaluated text (the REPL), written out: the pool's workers declare them too. */
  private readonly declared: string[] = [];
  /**
   * A future that becomes garbage untouched tells the pool, which drops its task if it has not
   * started and its result otherwise. Finalizers run when the thread's event loop turns (between
   * the REPL's or an embedding's evaluations, at an await, between a worker's tasks).
   */
  private readonly untouched = new FinalizationRegistry<number>((id) => this.backend?.forget(id));

  constructor(readonly rt: Runtime, readonly options: ParallelOptions = {}) {
    this.names = new Names(rt);
    this.transfer = new Transfer(this.names);
    this.backend = options.backend ?? null;
    if (options.start) rt.libraries.onDeclare = (form, file) => this.declaredByText(form, file);
  }

  /** The pool, started now if this is the first use; null when this runtime has none. */
  pool(): ParallelBackend | null {
    if (this.backend === null && this.options.start) this.backend = this.options.start(this.rt, this.options.workers, [...this.declared]);
    return this.backend;
  }

  /** A library declared by evaluated text (not a file the workers read themselves): tell the workers. */
  private declaredByText(form: Value, file: string | null): void {
    // The workers read the program file's libraries themselves (not `kiln -`'s <stdin>), and
    // find .sld files by name.
    const programFile = file !== null && file === this.rt.libraries.programFile && this.rt.host.fileExists?.(file) === true;
    if (programFile || file?.endsWith(".sld")) return;
    const text = writeString(form, "write");
    this.declared.push(text);
    this.backend?.declare?.(text);
  }

  get size(): number {
    if (this.backend) return this.backend.size;
    if (!this.options.start) return 1;
    return resolveWorkers(this.options.workers, this.rt.host.env?.()["KILN_WORKERS"], this.options.cores);
  }

  /**
   * Run a task's bytes in this runtime (a worker): decode (proc . args), apply it in a nested run
   * isolated from the caller's handlers, encode the value; failures as the pool reports them.
   */
  runTask(bytes: Uint8Array): { value: Uint8Array | null; failure: Failure | null } {
    const vm = this.rt.vm;
    const { handlers, winders } = vm;
    try {
      const task = this.transfer.decode(bytes);
      if (!(task instanceof Pair)) throw new Error("malformed task");
      const cells = this.cells();
      cells.proc.value = task.car;
      cells.args.value = task.cdr;
      vm.handlers = NIL; vm.winders = NIL;
      const v = vm.run(cells.run);
      return { value: this.transfer.encode("future", v), failure: null };
    } catch (e) {
      return { value: null, failure: this.failureOf(e) };
    } finally {
      vm.handlers = handlers; vm.winders = winders;
    }
  }

  private failureOf(e: unknown): Failure {
    if (e instanceof ExitSignal) throw e;  // the worker ends; the pool fails its tasks
    if (e instanceof Interrupted) return { kind: "interrupted", text: e.message };
    let payload: Value, backtrace = e instanceof UncaughtError ? e.backtrace : [];
    if (e instanceof UncaughtError || e instanceof SchemeError) payload = e.payload;
    else payload = new ErrorObject(e instanceof Error ? e.message : String(e), NIL);
    let bytes: Uint8Array | null = null;
    try { bytes = this.transfer.encode("touch", payload); } catch { bytes = null; }
    const text = payload instanceof ErrorObject ? payload.message : "uncaught exception";
    if (bytes === null && payload instanceof ErrorObject) {
      // Irritants that cannot be copied (a procedure, a port) travel as their written form.
      const shown = (listToArray(payload.irritants) ?? []).map((x) => safeWrite(x));
      bytes = this.transfer.encode("touch", new ErrorObject(payload.message, arrayToList(shown.map((s) => intern(s)))));
    }
    backtrace = backtrace.slice(0, 200);
    return { kind: "raised", payload: bytes, text, backtrace };
  }

  private cells(): { proc: { value: Value }; args: { value: Value }; run: Closure } {
    if (this.taskCells) return this.taskCells;
    const env = this.rt.newTopLevel("kiln:parallel");
    this.rt.evalForms(readAll(SCHEME_SIDE, "kiln:parallel"), env);
    const cell = (name: string): { value: Value } => {
      const b = env.map.get(intern(name));
      if (b?.kind !== "global") throw new Error(`parallel: ${name} not defined`);
      return b.cell;
    };
    return (this.taskCells = { proc: cell("%task-proc"), args: cell("%task-args"), run: cell("%run-task").value as Closure });
  }

  /** The value of a future, or its error raised; waits on the pool. */
  touch(f: Future): Value {
    if (f.home !== this) schemeError("touch: this future was made by another runtime");
    if (!f.done) {
      const out = this.backend!.wait(f.id);
      this.untouched.unregister(f);
      f.done = true;
      if (out.value !== null) f.value = this.transfer.decode(out.value);
      else f.error = this.conditionOf(out.failure!);
    }
    if (f.error !== undefined) throw new SchemeError(f.error);
    return f.value;
  }

  private conditionOf(failure: Failure): Value {
    switch (failure.kind) {
      case "lost": return lostTask(failure.text);
      case "interrupted": {
        // Ctrl-C reached the workers through the shared flag: this thread stops too. A task
        // stopped by an interrupt that is over (the REPL cleared it) is an error of its own.
        const f = Atomics.load(this.rt.interrupts.flag, 0);
        if (f !== 0) throw new Interrupted(f === INTERRUPT_USER ? "interrupt" : "abort");
        return lostTask(`the task was stopped by an interrupt (${failure.text})`);
      }
      case "raised": {
        let payload: Value = new ErrorObject(failure.text, NIL);
        if (failure.payload !== null) {
          try { payload = this.transfer.decode(failure.payload); } catch (e) {
            payload = new ErrorObject(`${failure.text} (its irritants could not be read here: ${e instanceof Error ? e.message : String(e)})`, NIL);
          }
        }
        if (payload !== null && typeof payload === "object") setWorkerBacktrace(payload, failure.backtrace);
        return payload;
      }
    }
  }

  primitives(): PrimSpec[] {
    const futureArg = (who: string, f: Value): Future => (f instanceof Future ? f : typeError(who, "a future", f));
    const channelArg = (who: string, c: Value): Channel => (c instanceof Channel ? c : typeError(who, "a channel", c));
    return [
      prim("%future", 2, 2, (proc: Value, args: Value) => {
        this.names.procedureName("future", proc);
        const pool = this.pool();
        if (pool === null) schemeError("future: this runtime has no worker pool");
        const bytes = this.transfer.encode("future", new Pair(proc, args));
        const f = new Future(pool.spawn(bytes), this);
        this.untouched.register(f, f.id, f);
        return f;
      }),
      prim("%check-sendable", 3, 3, (who: Value, proc: Value, args: Value) => {
        const name = typeof who === "object" && who !== null && "name" in who ? String((who as { name: string }).name) : "future";
        this.names.procedureName(name, proc);
        this.transfer.encode(name, args);
        return UNSPECIFIED;
      }),
      prim("%pool?", 0, 0, () => this.options.start !== undefined || this.backend !== null),
      prim("%future?", 1, 1, (x: Value) => x instanceof Future),
      prim("%touch", 1, 1, (f: Value) => this.touch(futureArg("touch", f))),
      prim("%parallel-size", 0, 0, () => this.size),
      // The scheduler's counters, as an alist; only the number of workers before the pool starts.
      prim("%parallel-statistics", 0, 0, () => {
        const stats: Record<string, number> = this.backend ? { ...this.backend.statistics() } : { workers: this.size };
        // This thread's own count: results that arrived for futures not touched yet.
        if (this.backend?.held) stats.held = this.backend.held();
        return arrayToList(Object.entries(stats).map(([k, v]) => new Pair(intern(k), v)));
      }),
      prim("%make-channel", 0, 0, () => {
        const pool = this.pool();
        return new Channel(pool ? pool.newId() : ++this.localIds);
      }),
      prim("%channel?", 1, 1, (x: Value) => x instanceof Channel),
      prim("%channel-put", 2, 2, (c: Value, v: Value) => {
        const ch = channelArg("channel-put", c);
        const pool = this.pool();
        const bytes = this.transfer.encode("channel-put", v);
        if (pool) pool.put(ch.id, bytes);
        else {
          const q = this.localChannels.get(ch.id) ?? [];
          q.push(this.transfer.decode(bytes));
          this.localChannels.set(ch.id, q);
        }
        return UNSPECIFIED;
      }),
      prim("%channel-get", 1, 1, (c: Value) => {
        const ch = channelArg("channel-get", c);
        const pool = this.pool();
        if (pool) return this.transfer.decode(pool.get(ch.id));
        const q = this.localChannels.get(ch.id);
        if (!q || q.length === 0) schemeError("channel-get: the channel is empty and no worker can fill it (this runtime has no worker pool)", c);
        return q.shift()!;
      }),
      prim("%chunks", 2, 2, (xs: Value, n: Value) => {
        const count = typeof n === "number" && n >= 1 ? n : typeError("%chunks", "a positive count", n);
        if (Array.isArray(xs)) return arrayToList(cut(xs, count));
        const items = listToArray(xs);
        if (items === null) return typeError("parallel-map", "a list or a vector", xs);
        return arrayToList(cut(items, count).map((c) => arrayToList(c)));
      }),
    ];
  }
}

/** `xs` in `n` consecutive pieces whose sizes differ by at most one (no empty piece). */
function cut(xs: Value[], n: number): Value[][] {
  const k = Math.max(1, Math.min(n, xs.length));
  const out: Value[][] = [];
  let at = 0;
  for (let i = 0; i < k; i++) {
    const size = Math.floor(xs.length / k) + (i < xs.length % k ? 1 : 0);
    out.push(xs.slice(at, at + size));
    at += size;
  }
  return out;
}

function safeWrite(x: Value): string {
  try { return writeString(x, "write"); } catch { return isProcedure(x) ? "#<procedure>" : "#<object>"; }
}

/** The number of workers: the option, else KILN_WORKERS, else `cores`; at least 1. */
export function resolveWorkers(option: number | undefined, env: string | undefined, cores = 2): number {
  const fromEnv = env !== undefined && /^\d+$/.test(env.trim()) ? Number(env.trim()) : undefined;
  const n = option ?? fromEnv ?? cores;
  return Math.max(1, Math.min(256, Math.floor(n)));
}

/** Define the primitives in `rt`'s core (the library exports them). */
export function installParallel(rt: Runtime, options: ParallelOptions | undefined): Parallel {
  const p = new Parallel(rt, options);
  for (const spec of p.primitives()) rt.defineValue(spec.name, toPrimitive(spec));
  return p;
}
