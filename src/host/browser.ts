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
import { Interrupted } from "../runtime/interrupts.js";
import { writeString } from "../runtime/printer.js";
import { SchemeError } from "../runtime/errors.js";
import { ExitSignal, BacktraceEntry } from "../vm/requests.js";
import { formatError } from "../cli/report.js";
import type { JitStats } from "../jit/jit.js";
import type { SourcePos } from "../bytecode/code.js";

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

export interface BrowserKilnOptions extends BrowserHostOptions {
  /** Standard input: all of it as text, or a function giving the next piece (null at its end). */
  stdin?: string | (() => string | null);
  /** JIT settings; by default on, compiling procedures after 500 calls. */
  jit?: { enabled?: boolean; threshold?: number };
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
  interrupted: "interrupt" | "abort" | "timeout" | "steps" | null;
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
  /** Replace standard input for the next evaluations. */
  setInput(stdin: string | (() => string | null)): void;
  /** What the JIT has done so far: procedures compiled, time spent compiling, ... */
  jitStatistics(): JitStats;
}

export function createBrowserKiln(options: BrowserKilnOptions = {}): BrowserKiln {
  const host = browserHost(options);
  const runtimeOptions: RuntimeOptions = {
    jit: { enabled: options.jit?.enabled ?? true, threshold: options.jit?.threshold ?? 500, debug: false },
    interruptBuffer: options.interruptBuffer,
  };
  const runtime = new Runtime(host, runtimeOptions);
  const env = runtime.newTopLevel("program");
  let input: string | (() => string | null) = options.stdin ?? "";
  return {
    runtime,
    setInput(stdin) { input = stdin; },
    jitStatistics: () => ({ ...runtime.jit.stats }),
    evaluate(source, file = "<program>", limits = {}) {
      const t0 = performance.now();
      const interrupts = runtime.interrupts;
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
      try {
        const v = runtime.runProgram(source, file, env);
        return done({ ok: true, value: writeString(v, "write"), error: "", position: null });
      } catch (e) {
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
