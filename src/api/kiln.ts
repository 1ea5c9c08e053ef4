// The typed embedding API (platform-neutral: no Node module here; src/api/index.ts adds Node's
// files and modules). `createRuntime(options)` gives a `KilnRuntime`: one Scheme top level
// whose definitions persist between evaluations, sandboxed unless the embedder grants a host.
//
//   evaluate / evaluateFile            run source, return the last value converted to JS
//   evaluateAsync / evaluateFileAsync  the same, where `(await promise)` may suspend the run
//   get / procedure / call             read a Scheme global; a procedure as a JS function
//   define / defineAsync               bind a Scheme global to a JS value or function
//
// Values cross through src/interop/convert.ts (one table); errors through
// src/interop/errors.ts (KilnError out, the JS error's message and object in). A Scheme
// procedure called from JS runs as a nested interpreter run: a continuation barrier.

import { Runtime } from "./runtime.js";
import { Host } from "../host/host.js";
import { sandboxHost } from "../host/sandbox.js";
import { Value, intern, Sym, isProcedure, Primitive, UNBOUND, ErrorObject, list, MString } from "../runtime/values.js";
import { Env, Cell, lookup } from "../expander/environment.js";
import { Closure } from "../bytecode/code.js";
import { readAll } from "../reader/reader.js";
import { Bridge, Depth, ToJSOptions, ToSchemeOptions, functionToProcedure, toJS, toScheme, schemeObjectBehind } from "../interop/convert.js";
import { KilnError, jsErrorOf } from "../interop/errors.js";
import { Interop, JsOptions } from "../interop/interop.js";
import { Budget, BudgetOptions } from "./budget.js";
import type { ParallelOptions } from "../parallel/primitives.js";
import { DEFAULT_JIT_THRESHOLD } from "../jit/policy.js";

export interface JitOptions {
  /** Compile hot procedures to JavaScript (default true). */
  enabled?: boolean;
  /** Calls and loop iterations before a procedure is compiled (default 500; 0: at once). */
  threshold?: number;
  /** Log each compilation to the error sink. */
  debug?: boolean;
}

export interface KilnOptions {
  /**
   * What programs may touch outside the runtime. Default: a sandbox (no files, no environment
   * variables, no process; `(exit)` ends only the evaluation). Pass a Host to grant more
   * (`createRuntime` in the package root accepts `access: "node"` for Node's files and process).
   */
  host?: Host;
  /** Where `display` and friends write (default: collected and dropped in the sandbox, the host's output otherwise). */
  stdout?: (text: string) => void;
  stderr?: (text: string) => void;
  /** Libraries programs may import, by name ("scheme base", "srfi 1", "kiln js"); default all. */
  libraries?: "all" | readonly string[] | ((name: string) => boolean);
  /** JIT settings, or false for the interpreter only. */
  jit?: boolean | JitOptions;
  /** Extra directories searched for `.sld` library files (needs a host that reads files). */
  libraryPath?: string[];
  /**
   * JavaScript reachable from Scheme through `(kiln js)`: `globals` are what `js-global` finds
   * (in a sandbox nothing else); `full` makes every global of the JS realm reachable and
   * `requireModule` serves `js-import`. Without `full`, property access refuses the ways out
   * of the sandbox (`constructor`, `__proto__`, `prototype`, ...).
   */
  js?: JsOptions;
  /** Scheme globals to define at once (JS functions become procedures). */
  define?: Record<string, unknown>;
  /** Heap in use (MB) past which an evaluation ends with "out of memory" (docs/security.md). */
  memoryLimitMb?: number;
  /** The worker pool of (kiln parallel); `createRuntime({ access: "node", workers })` sets it (docs/parallel.md). */
  parallel?: ParallelOptions;
}

export interface EvaluateOptions extends BudgetOptions {
  /** File name used in positions and backtraces (default "<eval>"). */
  file?: string;
  /** How the result is converted: "deep" (default), "shallow", or "none" for the raw Scheme value. */
  convert?: Depth | "none";
}

export interface DefineOptions {
  /** Name shown in backtraces and errors (default: the global's name). */
  name?: string;
  /** What arrays returned by the function become in Scheme (default "vector"). */
  arrays?: "vector" | "list";
}

export class KilnRuntime {
  /** The underlying pipeline (reader, expander, compiler, interpreter, JIT). */
  readonly runtime: Runtime;
  /** The top level that evaluations share. */
  readonly env: Env;
  private readonly bridge: Bridge;
  private readonly interop: Interop;
  private readonly out: (text: string) => void;
  private readonly err: (text: string) => void;
  /** Entries from JS in progress (evaluate inside a JS function called from Scheme nests). */
  private depth = 0;

  constructor(options: KilnOptions = {}) {
    const host = options.host ?? sandboxHost();
    // A sandbox drops output nobody asked for (its host would keep it all in memory).
    const drop = (): void => { /* dropped */ };
    this.out = options.stdout ?? (options.host ? (t) => host.stdout(t) : drop);
    this.err = options.stderr ?? (options.host ? (t) => host.stderr(t) : drop);
    const jit = options.jit === false ? { enabled: false } : options.jit === true || options.jit === undefined ? {} : options.jit;
    this.runtime = new Runtime({ ...host, stdout: this.out, stderr: this.err }, {
      jit: { enabled: jit.enabled ?? true, threshold: jit.threshold ?? DEFAULT_JIT_THRESHOLD, debug: jit.debug ?? false },
      libraryPath: { prepend: options.libraryPath ?? [], append: [], allowed: libraryFilter(options.libraries) },
      js: options.js,
      memoryLimitMb: options.memoryLimitMb,
      parallel: options.parallel,
    });
    this.runtime.ports.setStandardOutput(this.out, this.err);
    this.interop = this.runtime.interop;
    this.bridge = this.interop.bridge;
    this.env = this.runtime.newTopLevel("embedded");
    this.runtime.interaction = this.env;
    for (const [name, value] of Object.entries(options.define ?? {})) this.define(name, value);
  }

  // ---- Evaluating ---------------------------------------------------------------------------

  /** Run Scheme source; the value of its last form, converted to JS. Errors throw KilnError. */
  evaluate(source: string, options: EvaluateOptions = {}): unknown {
    const budget = this.budget(options);
    return this.enter(() => budget.slice(() => {
      const clo = this.runtime.compile(readAll(source, options.file ?? "<eval>"), this.env);
      return this.runtime.vm.run(clo);
    }), options.convert);
  }

  /** Run a file (the host must read files). */
  evaluateFile(path: string, options: EvaluateOptions = {}): unknown {
    return this.evaluate(this.readSource(path), { ...options, file: options.file ?? path });
  }

  /**
   * Like evaluate, but `(await promise)` suspends the computation until the promise settles
   * (several evaluations may be in flight; each resumes its own continuation).
   */
  async evaluateAsync(source: string, options: EvaluateOptions = {}): Promise<unknown> {
    const budget = this.budget(options);
    const clo = this.enter(() => this.runtime.compile(readAll(source, options.file ?? "<eval>"), this.env), "none") as Closure;
    try {
      const v = await this.interop.runAsync(clo, (run) => this.enter(() => budget.slice(run), "none") as Value,
        (p) => budget.wait(p));
      return this.convertResult(v, options.convert);
    } catch (e) {
      throw jsErrorOf(e);
    }
  }

  async evaluateFileAsync(path: string, options: EvaluateOptions = {}): Promise<unknown> {
    return this.evaluateAsync(this.readSource(path), { ...options, file: options.file ?? path });
  }

  // ---- Globals and procedures ---------------------------------------------------------------

  /** The value of a Scheme global, converted to JS (procedures become functions); undefined when unbound. */
  get(name: string, options: ToJSOptions = {}): unknown {
    const cell = this.cellOf(name);
    if (cell === null) return undefined;
    return toJS(cell.value, this.bridge, options);
  }

  /** A Scheme procedure as a JS function: arguments converted to Scheme, its result to JS. */
  procedure(name: string): (...args: unknown[]) => unknown {
    const cell = this.cellOf(name);
    if (cell === null || !isProcedure(cell.value)) throw new TypeError(`kiln: ${name} is not a Scheme procedure`);
    return (...args: unknown[]) => this.call(name, ...args);
  }

  /** Call a Scheme global procedure by name (looked up at each call, so redefinitions show). */
  call(name: string, ...args: unknown[]): unknown {
    const cell = this.cellOf(name);
    if (cell === null || !isProcedure(cell.value)) throw new TypeError(`kiln: ${name} is not a Scheme procedure`);
    return this.enter(() => this.interop.callScheme(cell.value, args.map((a) => toScheme(a, this.bridge))), "deep");
  }

  /** Bind a Scheme global in the shared top level; a JS function becomes a Scheme procedure. */
  define(name: string, value: unknown, options: DefineOptions = {}): void {
    let v: Value;
    if (typeof value === "function") {
      const fn = value as (...args: unknown[]) => unknown;
      const label = options.name ?? name;
      v = options.arrays === "list" && schemeObjectBehind(fn) === undefined
        ? new Primitive(label, 0, -1, (args: Value[]) =>
          toScheme(this.bridge.callJS(fn, undefined, args.map((a) => toJS(a, this.bridge)), label), this.bridge, { arrays: "list" }))
        : functionToProcedure(fn, this.bridge, label);
    } else v = toScheme(value, this.bridge, { arrays: options.arrays });
    this.setGlobal(name, v);
  }

  /**
   * Bind a Scheme global to an async JS function: calling it from Scheme awaits the promise it
   * returns (so it works under evaluateAsync, and raises a clear error under evaluate).
   */
  defineAsync(name: string, fn: (...args: never[]) => Promise<unknown>, options: DefineOptions = {}): void {
    const raw = functionToProcedure(fn as (...args: unknown[]) => unknown, this.bridge, options.name ?? name);
    this.setGlobal(name, this.interop.awaiting(raw));
  }

  /** Convert a Scheme value to JS (the table in src/interop/convert.ts). */
  toJS(v: Value, options: ToJSOptions = {}): unknown { return toJS(v, this.bridge, options); }
  /** Convert a JS value to Scheme. */
  toScheme(x: unknown, options: ToSchemeOptions = {}): Value { return toScheme(x, this.bridge, options); }

  // ---- Internals ----------------------------------------------------------------------------

  private readSource(path: string): string {
    const text = this.runtime.host.readFile?.(path) ?? null;
    if (text === null) throw new KilnError(new ErrorObject("cannot read file", list(new MString(path)), "file"), [], null);
    return text;
  }

  private cellOf(name: string): Cell | null {
    const b = lookup(intern(name), this.env);
    return b?.kind === "global" && b.cell.value !== UNBOUND ? b.cell : null;
  }

  private setGlobal(name: string, v: Value): void {
    const sym: Sym = intern(name);
    const own = this.env.map.get(sym);
    if (own?.kind === "global") {
      own.cell.value = v;
      if (own.cell.inlined) this.runtime.vm.deoptimizeInlines(own.cell);
    } else this.env.define(sym, { kind: "global", cell: new Cell(v, sym) });
  }

  /** Run with this runtime's standard ports flushed after (to its sinks). */
  private withPorts<T>(run: () => T): T {
    try { return run(); } finally { this.runtime.ports.flush(); }
  }

  /** A budget for one evaluation; an evaluation nested in another (JS called from Scheme) runs under the outer one's. */
  private budget(options: EvaluateOptions): Budget {
    return new Budget(this.runtime.interrupts, this.depth > 0 ? {} : options);
  }

  /** One entry from JS: ports, errors converted, result converted. */
  private enter(run: () => Value, convert: Depth | "none" | undefined): unknown {
    let v: Value;
    const vm = this.runtime.vm;
    const { handlers, winders } = vm;
    this.depth++;
    try {
      v = this.withPorts(run);
    } catch (e) {
      throw jsErrorOf(e);
    } finally {
      this.depth--;
      // A run that ended by an exit or an error inside a handler leaves no handlers behind.
      vm.handlers = handlers; vm.winders = winders;
    }
    return this.convertResult(v, convert);
  }

  private convertResult(v: Value, convert: Depth | "none" | undefined): unknown {
    if (convert === "none") return v;
    return toJS(v, this.bridge, { depth: convert ?? "deep" });
  }
}

export function createRuntime(options: KilnOptions = {}): KilnRuntime {
  return new KilnRuntime(options);
}

function libraryFilter(spec: KilnOptions["libraries"]): ((key: string) => boolean) | undefined {
  if (spec === undefined || spec === "all") return undefined;
  if (typeof spec === "function") return spec;
  const set = new Set(spec.map((s) => s.replace(/^\(|\)$/g, "").trim().split(/\s+/).join(" ")));
  return (key) => set.has(key);
}

