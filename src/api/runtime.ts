// A Kiln runtime: the pipeline assembled. It builds the core environment (special forms,
// derived forms, every builtin table, the Scheme prelude) and runs programs through
// reader -> expander -> compiler -> interpreter. Hosts (CLI, browser, embedding) talk to it.
// It imports no Node module: the outside world comes in through `Host`.

import { Value, Primitive, Pair, NIL, intern, flo, UNSPECIFIED } from "../runtime/values.js";
import { Host } from "../host/host.js";
import { readAll } from "../reader/reader.js";
import { Env, Cell } from "../expander/environment.js";
import { Expander } from "../expander/expander.js";
import { installCoreForms } from "../expander/core-forms.js";
import { installSyntaxRules } from "../expander/syntax-rules.js";
import { installDerivedForms } from "../expander/derived.js";
import { installFlatForms } from "../expander/flat-forms.js";
import { ir, irDepth, Node } from "../compiler/ir.js";
import { SyntaxError } from "../expander/errors.js";
import { positionOf } from "../reader/source-map.js";
import { isIdentifier, baseSymbol } from "../expander/environment.js";
import { compileToplevel } from "../compiler/codegen.js";
import { Closure, Code } from "../bytecode/code.js";
import { Interpreter } from "../vm/interpreter.js";
import { controlPrimitives } from "../vm/control-primitives.js";
import { PrimSpec, prim, toPrimitive } from "../runtime/primitive.js";
import { numberPrimitives } from "../lib/numbers.js";
import { ioPrimitives } from "../lib/io.js";
import { filePrimitives } from "../lib/files.js";
import { listPrimitives } from "../lib/lists.js";
import { charPrimitives } from "../lib/chars.js";
import { stringPrimitives } from "../lib/strings.js";
import { symbolPrimitives } from "../lib/symbols.js";
import { vectorPrimitives } from "../lib/vectors.js";
import { bytevectorPrimitives } from "../lib/bytevectors.js";
import { predicatePrimitives } from "../lib/predicates.js";
import { srfiPrimitives } from "../lib/srfi-primitives.js";
import { Jit, JitOptions } from "../jit/jit.js";
import { jitPrimitives } from "../jit/jit-primitives.js";
import { PortSet } from "../runtime/ports.js";
import { INLINE_OPS } from "../bytecode/opcodes.js";
import { PRELUDE } from "../lib/generated/prelude.js";
import { FEATURES } from "../expander/derived.js";
import { LibraryManager, LibraryPathOptions, installLibraryForms } from "../expander/libraries.js";
import { MString } from "../runtime/values.js";
import { TailCall } from "../vm/requests.js";
import { schemeError, typeError, kindError } from "../runtime/errors.js";
import { CodeCache } from "../cache/code-cache.js";
import { CodeStore } from "../cache/store.js";
import { CodeSharing } from "../cache/share.js";
import { Interop, JsOptions } from "../interop/interop.js";
import { Interrupts } from "../runtime/interrupts.js";
import { nativeDepthBudget } from "../jit/native-runtime.js";
import { Parallel, ParallelOptions, installParallel } from "../parallel/primitives.js";
import { DEFAULT_JIT_THRESHOLD } from "../jit/policy.js";

/** A first-class environment, as `environment` and `interaction-environment` return. */
export class SchemeEnvironment {
  constructor(readonly env: Env) {}
}

export interface RuntimeOptions {
  /** JIT settings, parsed now so every tier sees the same flags (the JIT itself is tier 1). */
  jit?: JitOptions;
  /** Extra directories searched for library files (`-I` before, `-A` after the defaults). */
  libraryPath?: LibraryPathOptions;
  /** What JavaScript programs may reach through (kiln js) (default: nothing; see src/interop). */
  js?: JsOptions;
  /**
   * The precompiled prelude and built-in libraries (docs/cache.md): the image built into the
   * package by default; null compiles everything from source.
   */
  precompiled?: Uint8Array | null;
  /** Called with each prelude file and built-in library compiled from source, as image entries (the build uses it). */
  record?: (entry: string, bytes: Uint8Array) => void;
  /** The persistent code cache for programs and library files (the CLI's cache folder); none by default. */
  codeStore?: CodeStore | null;
  /**
   * Shared memory for the interrupt flag (runtime/interrupts.ts), so that another thread can
   * interrupt this runtime while it runs; a fresh buffer when absent.
   */
  interruptBuffer?: SharedArrayBuffer;
  /**
   * The native stack of the thread this runtime runs on, in MB, when it is larger than the
   * main thread's (a runtime worker, src/host/worker/limits.ts); for the JIT's depth budget.
   */
  nativeStackMb?: number;
  /** The runtime's ports; a fresh set by default (the CLI passes `processPorts`). */
  ports?: PortSet;
  /**
   * Heap in use, in MB, past which an evaluation ends with "out of memory" (see
   * Interrupts.setMemoryLimit; docs/security.md). Needs a platform that reports heap use.
   */
  memoryLimitMb?: number;
  /** The worker pool of (kiln parallel) (src/parallel; none: futures run in the caller). */
  parallel?: ParallelOptions;
}

/** Bytes of JS heap in use, where the platform says (Node); 0 elsewhere. */
function heapUsed(): number {
  const proc = (globalThis as { process?: { memoryUsage?: () => { heapUsed: number } } }).process;
  return proc?.memoryUsage ? proc.memoryUsage().heapUsed : 0;
}

export class Runtime {
  readonly vm = new Interpreter();
  readonly core = new Env(null, true, "core");
  readonly expander: Expander;
  readonly inlinable = new Map<Primitive, string>();
  readonly libraries: LibraryManager;
  /** Identical procedures share one Code (src/cache/share.ts). */
  readonly codeSharing = new CodeSharing();
  /** Loads precompiled units and watches units compile from source (src/cache). */
  readonly codeCache: CodeCache;

  readonly jit: Jit;
  /** The bridge to JavaScript: calls both ways, (kiln js), await (src/interop/interop.ts). */
  readonly interop: Interop;
  /** This runtime's current ports, standard ports and open file ports (never shared). */
  readonly ports: PortSet;

  /** (kiln parallel): this runtime's side of the worker pool (src/parallel). */
  readonly parallel: Parallel;

  /** Interrupts and budgets of this runtime's evaluations (both tiers poll it). */
  get interrupts(): Interrupts { return this.vm.interrupts; }

  constructor(readonly host: Host, readonly options: RuntimeOptions = {}) {
    this.ports = options.ports ?? new PortSet();
    this.jit = new Jit(options.jit ?? { enabled: true, threshold: DEFAULT_JIT_THRESHOLD, debug: false },
      (cell) => this.vm.deoptimizeInlines(cell), (line) => host.stderr(line + "\n"));
    this.vm.jit = this.jit;
    this.jit.native.control = this.vm;
    this.jit.sharing = this.codeSharing;
    this.vm.interrupts = this.jit.native.interrupts = new Interrupts(options.interruptBuffer);
    // A thread with a bigger stack (the CLI's runtime worker) lets native code recurse deeper.
    if (options.nativeStackMb !== undefined) this.jit.native.maxDepth = nativeDepthBudget(options.nativeStackMb);
    if (options.memoryLimitMb !== undefined) this.interrupts.setMemoryLimit(options.memoryLimitMb * 1024 * 1024, heapUsed);
    this.codeCache = new CodeCache(this, options.precompiled, options.record, options.codeStore ?? null);
    this.libraries = new LibraryManager({
      core: this.core, host,
      runBody: (forms, env) => this.runIsolated(this.codeCache.compiled(env, this.compile(forms, env))),
      cache: this.codeCache,
    }, options.libraryPath);
    this.expander = new Expander({
      readAll: (text, file) => readAll(text, file),
      readInclude: (file, from) => this.libraries.readInclude(file, from),
      onTopLevelSyntax: (form, env) => this.codeCache.recorder.syntax(form, env),
    });
    this.expander.interrupts = this.interrupts;
    installCoreForms(this.core, this.expander);
    installFlatForms(this.core, this.expander);
    installSyntaxRules(this.expander);
    installDerivedForms(this.core, (name) => this.knownLibrary(name));
    installLibraryForms(this.core, () => this.libraries);
    const tables: PrimSpec[][] = [
      numberPrimitives, ioPrimitives(this.ports), listPrimitives, charPrimitives, stringPrimitives, symbolPrimitives,
      vectorPrimitives, bytevectorPrimitives, predicatePrimitives, controlPrimitives(this.vm), this.systemPrimitives(),
      this.evalPrimitives(), srfiPrimitives, jitPrimitives(this), filePrimitives(host, this.ports),
    ];
    for (const table of tables) for (const spec of table) this.defineBuiltin(spec);
    this.parallel = installParallel(this, options.parallel);
    this.defineValue("current-input-port", this.ports.input);
    this.defineValue("current-output-port", this.ports.output);
    this.defineValue("current-error-port", this.ports.error);
    for (const [name] of INLINE_OPS) {
      const cell = this.globalCell(this.core, name);
      if (cell?.value instanceof Primitive) this.inlinable.set(cell.value, name);
    }
    for (const file of PRELUDE) {
      const loaded = this.codeCache.loadPrelude(file.name);
      if (loaded !== null) { this.vm.run(loaded); continue; }
      const rec = this.codeCache.beginPrelude();
      const clo = this.compile(readAll(file.text, `kiln:prelude/${file.name}`), this.core);
      this.codeCache.endPrelude(rec, file.name, clo.code);
      this.vm.run(clo);
    }
    this.vm.hooks = {
      raise: this.globalCell(this.core, "%raise")!, raiseContinuable: this.globalCell(this.core, "%raise-continuable")!,
      continueTo: this.globalCell(this.core, "%continue")!,
    };
    this.interop = new Interop(this, options.js);
    // The prelude ran interpreted; from here on procedures get hot and are compiled.
    this.vm.jitThreshold = this.jit.threshold;
  }

  /** Run a library body's code; a library loaded while a program runs (eval, environment) must not see its handlers. */
  runIsolated(clo: Closure): void {
    const { handlers, winders } = this.vm;
    this.vm.handlers = NIL; this.vm.winders = NIL;
    try { this.vm.run(clo); } finally { this.vm.handlers = handlers; this.vm.winders = winders; }
  }

  registerInlined(code: Code): void { this.vm.registerInlined(code); }

  private defineBuiltin(spec: PrimSpec): void { this.defineValue(spec.name, toPrimitive(spec)); }

  defineValue(name: string, value: Value): void {
    this.core.define(intern(name), { kind: "global", cell: new Cell(value, intern(name)) });
  }

  private globalCell(env: Env, name: string): Cell | null {
    const b = env.map.get(intern(name));
    return b?.kind === "global" ? b.cell : null;
  }

  private knownLibrary(name: Value): boolean { return this.libraries.known(name); }

  private systemPrimitives(): PrimSpec[] {
    const host = this.host;
    return [
      prim("command-line", 0, 0, () => listOf(host.commandLine().map((s) => new MString(s)))),
      // A program's exit status if it ends normally (a failed SRFI 64 suite sets 1).
      prim("%exit-status-at-end!", 1, 1, (code: Value) => { if (typeof code === "number") this.exitStatusAtEnd = code; return UNSPECIFIED; }),
      prim("features", 0, 0, () => listOf(FEATURES.map((f) => intern(f)))),
      prim("current-second", 0, 0, () => flo(host.wallSeconds())),
      prim("current-jiffy", 0, 0, () => Math.round(host.monotonicMs() * 1000)),
      prim("jiffies-per-second", 0, 0, () => 1_000_000),
      prim("get-environment-variables", 0, 0, () =>
        listOf(Object.entries(host.env?.() ?? {}).map(([k, v]) => new Pair(new MString(k), new MString(v))))),
      prim("get-environment-variable", 1, 1, (name: Value) => {
        if (!(name instanceof MString)) typeError("get-environment-variable", "a string", name);
        const env = host.env?.() ?? {};
        const v = Object.hasOwn(env, name.toString()) ? env[name.toString()] : undefined;
        return typeof v === "string" ? new MString(v) : false;
      }),
    ];
  }

  /** The exit status of a program that runs to its end (`%exit-status-at-end!`); 0 unless set. */
  exitStatusAtEnd = 0;

  /** The environment `interaction-environment` returns: the program's or the REPL's top level. */
  interaction: Env | null = null;

  private evalPrimitives(): PrimSpec[] {
    const envArg = (who: string, e: Value): Env => {
      if (e === undefined) return this.interaction ?? (this.interaction = this.newTopLevel("interaction"));
      if (e instanceof SchemeEnvironment) return e.env;
      return typeError(who, "an environment", e);
    };
    // An environment from import sets (R7RS 6.12): exactly the imported bindings, immutable.
    const fresh = (specs: Value[], syntaxOnly = false): SchemeEnvironment => {
      const env = new Env(null, true, "environment");
      env.immutable = true;
      for (const spec of specs) this.libraries.importInto(env, spec, null);
      if (syntaxOnly && env.fallback) {
        for (const [id, b] of env.fallback.map) if (b.kind === "global") env.fallback.map.delete(id);
      }
      return new SchemeEnvironment(env);
    };
    const r5rs = (who: string, version: Value, syntaxOnly: boolean): SchemeEnvironment => {
      if (version !== 5) schemeError(`${who}: only version 5 is supported`, version);
      return fresh([listOf([intern("scheme"), intern("r5rs")])], syntaxOnly);
    };
    return [
      // eval compiles and then calls the result in place of itself: a proper tail call.
      prim("eval", 1, 2, (expr: Value, env: Value) => new TailCall(this.compile([expr], envArg("eval", env)), [])),
      prim("interaction-environment", 0, 0, () => new SchemeEnvironment(envArg("interaction-environment", undefined))),
      prim("environment", 0, -1, (specs: Value[]) => fresh(specs)),
      // load reads, compiles and then runs the file in place of itself (R7RS 6.14).
      prim("load", 1, 2, (file: Value, env: Value) => {
        const name = file instanceof MString ? file.toString() : typeError("load", "a string", file);
        const text = this.host.readFile?.(name) ?? null;
        if (text === null) kindError("file", "load: cannot read file", file);
        return new TailCall(this.compile(readAll(text, name), envArg("load", env)), []);
      }),
      prim("scheme-report-environment", 1, 1, (v: Value) => r5rs("scheme-report-environment", v, false)),
      prim("null-environment", 1, 1, (v: Value) => r5rs("null-environment", v, true)),
    ];
  }

  /** A fresh top-level environment for a program or REPL, importing the builtins. */
  newTopLevel(name = "program"): Env {
    const env = new Env(null, true, name);
    env.fallback = this.core;
    return env;
  }

  /** Expand and compile top-level forms into a closure of no arguments (nothing runs). */
  compile(forms: Value[], env: Env): Closure {
    const ex = this.expander;
    let body: Node;
    try {
      body = ex.expandTopLevel(forms, env, null);
    } catch (e) {
      throw tooDeep(e, ex.currentForm, ex.deepest > 100
        ? `the expander ran out of JavaScript stack at nesting depth ${ex.deepest}`
        : "a macro ran out of JavaScript stack expanding it");
    }
    this.onExpanded?.(body, env);
    const lam = ir.lambda([], null, body, "<top level>", null);
    let code: Code;
    try {
      code = compileToplevel(lam, {
        inlinable: this.inlinable,
        onInlined: (c: Code) => this.vm.registerInlined(c),
      });
    } catch (e) {
      throw tooDeep(e, forms[0], `the compiler ran out of JavaScript stack; the expanded program nests ${irDepth(body)} levels deep`);
    }
    return new Closure(this.codeSharing.share(code), []);
  }

  /** Called with each top-level unit after expansion, before compiling (compile-time warnings). */
  onExpanded: ((body: Node, env: Env) => void) | null = null;

  /** Compile then run forms; returns the last value. */
  evalForms(forms: Value[], env: Env): Value {
    return this.vm.run(this.compile(forms, env));
  }

  /** Read, expand and compile a whole program before running any of it (syntax errors first). */
  runProgram(text: string, file: string, env: Env = this.newTopLevel()): Value {
    this.interaction = env;
    this.libraries.setProgramFile(file);
    const clo = this.compileProgram(text, file, env);
    return this.vm.run(clo);
  }

  /** A program's closure, from the code cache when it has it, else compiled (and cached). */
  compileProgram(text: string, file: string, env: Env): Closure {
    return this.codeCache.program(text, file, env, () => this.compile(readAll(text, file), env));
  }

  /** runProgram for a program that may `await`: its value, or a promise of it once it suspends. */
  runProgramAwaiting(text: string, file: string, env: Env = this.newTopLevel(), compiled?: (program: Closure) => void): Value | Promise<Value> {
    this.interaction = env;
    this.libraries.setProgramFile(file);
    const program = this.compileProgram(text, file, env);
    compiled?.(program);
    return this.interop.runMaybeAsync(program);
  }
}

function listOf(xs: Value[]): Value {
  let r: Value = NIL;
  for (let i = xs.length - 1; i >= 0; i--) r = new Pair(xs[i], r);
  return r;
}


/**
 * The plain error for nesting deeper than this thread's JavaScript stack lets the (recursive)
 * expander and compiler go, naming the form and the depth reached; other exceptions pass.
 */
function tooDeep(e: unknown, form: Value, detail: string): unknown {
  if (!(e instanceof RangeError && /call stack/i.test(e.message))) return e;
  const pos = positionOf(form) ?? null;
  const head = form instanceof Pair && isIdentifier(form.car) ? `${baseSymbol(form.car).name}: ` : "";
  return new SyntaxError(`${head}nesting too deep to compile: ${detail}`, pos);
}
