// The browser host: Kiln in a web page or a Web Worker. `display`/`write` go to sinks the page
// chooses, `read-line` and friends read from a source the page provides, the clock is the
// page's, and the only files are those the page hands over in memory (for `include`/`load`).
// Nothing here touches the DOM or a Node module; the browser build (scripts/build-browser.mjs)
// fails if anything it bundles imports one.
//
// `createBrowserKiln` assembles a runtime on this host and evaluates programs in one persistent
// top level (definitions stay for the next evaluation, as in a REPL), reporting errors as text
// plus the position in the program that a page can highlight.

import { Host } from "./host.js";
import { Runtime, RuntimeOptions } from "../api/runtime.js";
import { Interrupted, InterruptReason, INTERRUPT_NONE, INTERRUPT_USER } from "../runtime/interrupts.js";
import type { JsOptions } from "../interop/interop.js";
import { KilnRuntime, KilnOptions } from "../api/kiln.js";
import type { Value } from "../runtime/values.js";
import { readAll } from "../reader/reader.js";
import { writeString } from "../runtime/printer.js";
import { SchemeError } from "../runtime/errors.js";
import { ExitSignal, BacktraceEntry } from "../vm/requests.js";
import { formatError } from "../cli/report.js";
import type { JitStats } from "../jit/jit.js";
import type { SourcePos } from "../bytecode/code.js";
import { webParallel } from "../parallel/web.js";
import { DEFAULT_JIT_THRESHOLD } from "../jit/policy.js";

export interface BrowserHostOptions {
  /** Where standard output goes (default: nowhere). */
  stdout?: (text: string) => void;
  /** Where standard error goes (default: the stdout sink). */
  stderr?: (text: string) => void;
  /** Files readable by `include`, `load` and `open-input-file`, by name. */
  files?: Record<string, string>;
  /** What `(command-line)` returns. */
  commandLine?: string[];
}

export function browserHost(options: BrowserHostOptions = {}): Host {
  const stdout = options.stdout ?? (() => {});
  const stderr = options.stderr ?? stdout;
  const files = new Map(Object.entries(options.files ?? {}));
  const start = performance.now();
  const commandLine = options.commandLine ?? ["kiln"];
  return {
    stdout, stderr,
    readFile: (path) => files.get(path) ?? null,
    readFileBytes: (path) => {
      const text = files.get(path);
      if (text === undefined) throw new Error("no such file");
      return new TextEncoder().encode(text);
    },
    fileExists: (path) => files.has(path),
    monotonicMs: () => performance.now() - start,
    wallSeconds: () => Date.now() / 1000,
    commandLine: () => commandLine,
    resolvePath: (dir, file) => (file.startsWith("/") || dir === "" || dir === "." ? file : `${dir}/${file}`),
    dirname: (p) => (p.includes("/") ? p.slice(0, p.lastIndexOf("/")) : "."),
  };
}

/**
 * The worker pool of (kiln parallel) (docs/parallel.md, src/parallel/web.ts). It starts only in a
 * cross-origin isolated page, on a thread that may block (a worker, not the page's main thread),
 * given the worker script; otherwise futures run on the program's thread when touched.
 */
export interface BrowserPoolOptions {
  /** Number of Web Workers running Scheme (default: `navigator.hardwareConcurrency`); 0: no pool. */
  workers?: number;
  /** Address of dist/browser/kiln-worker.js, which the pool's workers run (KilnWorker's worker gives its own). */
  poolScript?: string;
}

/**
 * The embedding API's runtime (src/api/kiln.ts, docs/embedding.md) on the browser host:
 * evaluate to JS values, call both ways, `(await promise)`, budgets. Programs reach only the
 * JavaScript granted in `js.globals` (e.g. `{ document, fetch: fetch.bind(window) }`).
 */
export function createRuntime(options: KilnOptions & BrowserHostOptions & BrowserPoolOptions = {}): KilnRuntime {
  return new KilnRuntime({
    ...options, host: options.host ?? browserHost(options),
    parallel: options.parallel ?? webParallel({ workers: options.workers, script: options.poolScript, files: options.files }),
  });
}

export interface BrowserKilnOptions extends BrowserHostOptions, BrowserPoolOptions {
  /** Standard input: all of it as text, or a function giving the next piece (null at its end). */
  stdin?: string | (() => string | null);
  /** JIT settings; by default on (src/jit/policy.ts has the thresholds). */
  jit?: { enabled?: boolean; threshold?: number };
  /** What `(kiln js)` reaches: `globals` are what `js-global` finds (e.g. `{ document }`); default nothing. */
  js?: JsOptions;
  /** Shared memory whose flag another thread sets to stop a run (runtime/interrupts.ts). */
  interruptBuffer?: SharedArrayBuffer;
}

/** Where an error happened in the evaluated program (1-based line and column). */
export interface ErrorPosition { file: string; line: number; column: number }

export interface RunResult {
  ok: boolean;
  /** The value of the last form, written as Scheme text ("" after an error). */
  value: string;
  /** The error as the CLI prints it (position, message, irritants, backtrace), or "". */
  error: string;
  /** The innermost position of the error inside the evaluated program, when it has one. */
  position: ErrorPosition | null;
  /** Why the run was stopped from outside ("abort": a page's Stop; "timeout", "steps": a limit), or null. */
  interrupted: InterruptReason | null;
  /** Wall time of the evaluation in milliseconds. */
  ms: number;
}

/** Limits of one evaluation: wall time in milliseconds, steps (calls and loop iterations). */
export interface RunLimits { ms?: number; steps?: number }

export interface BrowserKiln {
  readonly runtime: Runtime;
  /**
   * Read, compile and run `source` in the persistent top level; never throws for Scheme
   * errors. A run on the page's own thread cannot be stopped by the page, so give it limits.
   */
  evaluate(source: string, file?: string, limits?: RunLimits): RunResult;
  /**
   * The same, where `(await promise)` (from `(kiln js)`) suspends the program until the promise
   * settles, so it can wait for `fetch` or a timer. The limits hold across the waits.
   */
  evaluateAsync(source: string, file?: string, limits?: RunLimits): Promise<RunResult>;
  /** Replace standard input for the next evaluations. */
  setInput(stdin: string | (() => string | null)): void;
  /** What the JIT has done so far: procedures compiled, time spent compiling, ... */
  jitStatistics(): JitStats;
}

export function createBrowserKiln(options: BrowserKilnOptions = {}): BrowserKiln {
  const host = browserHost(options);
  const parallel = webParallel({ workers: options.workers, script: options.poolScript, files: options.files });
  const runtimeOptions: RuntimeOptions = {
    jit: { enabled: options.jit?.enabled ?? true, threshold: options.jit?.threshold ?? DEFAULT_JIT_THRESHOLD, debug: false },
    interruptBuffer: options.interruptBuffer,
    js: options.js,
    parallel,
  };
  const runtime = new Runtime(host, runtimeOptions);
  const interrupts = runtime.interrupts;
  const env = runtime.newTopLevel("program");
  let input: string | (() => string | null) = options.stdin ?? "";

  /** Set up one evaluation; returns how to turn its outcome into a RunResult. */
  const begin = (file: string, limits: RunLimits) => {
    const t0 = performance.now();
    interrupts.clear();
    interrupts.setBudget(limits);
    const ports = runtime.ports;  // each runtime has its own ports (docs/security.md)
    ports.setStandardOutput(host.stdout, host.stderr);
    const stdin = input;
    if (typeof stdin === "string") ports.setStandardInput(() => stdin);
    else ports.setStandardInputStream(stdin);
    const done = (r: Omit<RunResult, "ms" | "interrupted">, interrupted: RunResult["interrupted"] = null): RunResult => {
      ports.flush();
      interrupts.clearBudget();
      return { ...r, interrupted, ms: performance.now() - t0 };
    };
    return {
      value: (v: Value) => done({ ok: true, value: writeString(v, "write"), error: "", position: null }),
      error(e: unknown): RunResult {
        if (e instanceof ExitSignal) {
          return done({ ok: e.code === 0, value: "", error: e.code === 0 ? "" : `exit ${e.code}\n`, position: null });
        }
        if (e instanceof Interrupted) {
          interrupts.clear();
          const position = errorPosition(e, file);
          const at = position ? ` at ${file}:${position.line}:${position.column}` : "";
          return done({ ok: false, value: "", error: `stopped${at}: ${e.message}\n`, position }, e.reason);
        }
        return done({ ok: false, value: "", error: formatError(e, file), position: errorPosition(e, file) });
      },
    };
  };

  /** Waiting for an awaited promise: output so far is shown, and Stop or a time limit still apply. */
  const waitFor = (limits: RunLimits, deadline: number) => (p: PromiseLike<unknown>): Promise<unknown> => {
    runtime.ports.flush();
    return new Promise((resolve, reject) => {
      const timer = setInterval(() => {
        const flag = Atomics.load(interrupts.flag, 0);
        if (flag !== INTERRUPT_NONE) stop(new Interrupted(flag === INTERRUPT_USER ? "interrupt" : "abort"));
        else if (limits.ms !== undefined && performance.now() >= deadline) stop(new Interrupted("timeout"));
      }, 20);
      const stop = (e: unknown): void => { clearInterval(timer); reject(e); };
      p.then((v) => { clearInterval(timer); resolve(v); }, stop);
    });
  };

  return {
    runtime,
    setInput(stdin) { input = stdin; },
    jitStatistics: () => ({ ...runtime.jit.stats }),
    evaluate(source, file = "<program>", limits = {}) {
      const run = begin(file, limits);
      try {
        return run.value(runtime.runProgram(source, file, env));
      } catch (e) {
        return run.error(e);
      }
    },
    async evaluateAsync(source, file = "<program>", limits = {}) {
      await parallel.ready;  // the pool's scheduler thread is running (src/parallel/web.ts)
      const deadline = performance.now() + (limits.ms ?? 0);
      const run = begin(file, limits);
      try {
        runtime.interaction = env;
        runtime.libraries.setProgramFile(file);
        const program = runtime.compile(readAll(source, file), env);
        return run.value(await runtime.interop.runAsync(program, (slice) => slice(), waitFor(limits, deadline)));
      } catch (e) {
        return run.error(e);
      }
    },
  };
}

/** The innermost place in `file` where the error happened: its position or its backtrace's. */
export function errorPosition(e: unknown, file: string): ErrorPosition | null {
  // Uncaught raises and interrupts carry a Scheme backtrace, innermost first.
  const frames = (e as { backtrace?: BacktraceEntry[] } | null)?.backtrace;
  if (Array.isArray(frames)) {
    const f = frames.find((b) => b.file === file);
    if (f) return { file, line: f.line, column: f.column };
  }
  if (e instanceof SchemeError) {
    const pos = (e as SchemeError & { pos?: SourcePos | null }).pos;
    if (pos && pos.file === file) return { file, line: pos.line, column: pos.column };
  }
  return null;
}
