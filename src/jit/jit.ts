// The JIT controller: decides when a Code object is hot, compiles it to a JavaScript function
// (codegen-js.ts) with `new Function`, installs it as the Code's native entry, keeps the
// statistics `(kiln jit)` reports, and logs under --jit-debug.

import { Code } from "../bytecode/code.js";
import { Cell } from "../expander/environment.js";
import { MAX_SPILL_WEIGHT, generateSource, spillWeight } from "./codegen-js.js";
import { NativeRuntime, nativeDepthBudget } from "./native-runtime.js";
import { Reify } from "./signals.js";
import { Op, OPCODES } from "../bytecode/opcodes.js";
import { WasmMode, WasmTier } from "../wasm/tier.js";
import { takeParamFailure } from "./unbox.js";
import { FB_UNBOX_FAILED } from "./feedback.js";
import { HEAT_FACTOR, JIT_BUDGET_MS, JIT_BUDGET_SHARE, JS_COST_FACTOR } from "./policy.js";

export interface JitOptions {
  enabled: boolean;
  /** Calls (and self tail calls) before a procedure is compiled; 0 compiles before the first run. */
  threshold: number;
  debug: boolean;
  /**
   * MB of JS stack of the thread the runtime runs on, when it is not Node's default (~1 MB):
   * a worker created with a larger `resourceLimits.stackSizeMb` lets native code recurse
   * deeper before frames are handed to the interpreter (native-runtime.ts, nativeDepthBudget).
   */
  stackMb?: number;
  /** The Wasm tier (src/wasm/tier.ts): "on" (default), "all" (every eligible procedure, for tests), "off". */
  wasm?: WasmMode;
  /** Element-wise f64vector loops in Wasm SIMD (src/wasm/simd.ts); default true. */
  wasmSimd?: boolean;
  /** Loops whose index stays in range get a copy without those guards (src/wasm/induction.ts); default true. */
  wasmInduction?: boolean;
}

export interface JitStats {
  compiled: number;
  failed: number;
  compileMs: number;
  deopts: number;
  reifications: number;
  /** Resume entries compiled (native code for the rest of a procedure after a call). */
  resumes: number;
  jsChars: number;
  /** Call sites where a small known procedure was inlined (codegen-js.ts, inlineBody). */
  inlined: number;
}

/**
 * Procedures whose bytecode is longer than this, or whose frame has more registers, stay in
 * the interpreter: V8 takes superlinear time and memory to compile and run one JS function of
 * megabytes or of tens of thousands of locals. An `or` of 20,000 operands (160,000 words, 2 MB
 * of JS) took 6 s at --jit-threshold=0, a `let*` of 20,000 bindings (20,000 registers) 14 s
 * and 3.4 GB; 10^6 would not finish.
 */
export const MAX_JIT_WORDS = 1 << 16;
export const MAX_JIT_REGISTERS = 1 << 12;
// Nor a procedure whose calls spill more than MAX_SPILL_WEIGHT registers in all (codegen-js.ts).

export class Jit {
  readonly native: NativeRuntime;
  /** Tier 2: numeric procedures compiled to WebAssembly (src/wasm). */
  readonly wasm: WasmTier;
  readonly stats: JitStats = { compiled: 0, failed: 0, compileMs: 0, deopts: 0, reifications: 0, resumes: 0, jsChars: 0, inlined: 0 };
  /** Compile times in ms, for the median the benchmarks report. */
  readonly compileTimes: number[] = [];
  private counter = 0;
  /** Milliseconds spent in compilations nested in the current one (a direct-call target compiled first). */
  private nestedMs = 0;
  /** Codes being compiled now (a callee compiled for a direct call may call back into one). */
  private readonly compiling = new Set<Code>();
  /** The native function of a direct-call target, compiled first if it is hot (codegen-js.ts). */
  // eslint-disable-next-line @typescript-eslint/ban-types
  private readonly nativeOf = (code: Code): Function | null =>
    code.jit ?? (this.compiling.has(code) ? null : this.maybeCompile(code) ? code.jit : null);
  /** Identical procedures sharing one Code (src/cache/share.ts): reported with the statistics. */
  sharing: { shared: number; savedCompilations(): number } | null = null;

  constructor(
    readonly options: JitOptions,
    private readonly onRedefined: (cell: Cell) => void,
    private readonly log: (line: string) => void,
  ) {
    this.native = new NativeRuntime({
      maybeCompile: (code) => this.maybeCompile(code),
      redefined: (cell) => this.onRedefined(cell),
      deoptimized: (code, pc) => {
        const pos = code.positionAt(pc);
        const at = pos ? `${pos.file}:${pos.line}:${pos.column}` : `pc ${pc}`;
        const param = takeParamFailure(code);
        const what = param >= 0 ? `parameter ${param + 1} was not a flonum at entry (unboxed flonum guard)`
          : code.feedback[pc] & FB_UNBOX_FAILED ? "unboxed flonum guard failed" : "int32 guard failed";
        this.deoptimized(code, `${what} at ${at} (${OPCODES[code.code[pc] as Op].name}, pc ${pc})`);
      },
    });
    if (options.stackMb !== undefined) this.native.maxDepth = nativeDepthBudget(options.stackMb);
    this.wasm = new WasmTier(options.wasm ?? "on", this.native, () => this.options.debug, log, options.wasmSimd ?? true, options.wasmInduction ?? true);
  }

  /** The heat at which the interpreter should ask for compilation (Infinity when off). */
  get threshold(): number { return this.options.enabled ? this.options.threshold : Infinity; }

  maybeCompile(code: Code): boolean {
    if (code.jit !== null) return true;
    if (!this.options.enabled || code.noJit || code.heat < this.options.threshold) return false;
    if (code.heat < this.options.threshold * HEAT_FACTOR && this.overBudget()) return false;
    return this.compile(code);
  }

  private readonly born = performance.now();
  private overChecks = 0;

  /**
   * Whether both tiers' compilations have cost more than their budget allows by now
   * (policy.ts). Once over, the answer stands for 256 asks: reading the clock costs about
   * what an interpreted call does, and a program over budget asks at most calls.
   */
  private overBudget(): boolean {
    if (this.overChecks > 0) { this.overChecks--; return true; }
    const spent = JS_COST_FACTOR * this.stats.compileMs + this.wasm.spentMs;
    // (The clock is read only once the fixed part of the budget is spent.)
    const over = spent > JIT_BUDGET_MS && spent > JIT_BUDGET_MS + JIT_BUDGET_SHARE * (performance.now() - this.born);
    if (over) this.overChecks = 255;
    return over;
  }

  /** Compile now, whatever the heat. */
  compile(code: Code): boolean {
    if (code.jit !== null) return true;
    if (code.noJit) return false;
    if (code.code.length > MAX_JIT_WORDS || code.frameSize > MAX_JIT_REGISTERS) {
      code.noJit = true;
      if (this.options.debug) {
        this.log(`[jit] not compiled ${describe(code)}: bytecode ${code.code.length} words, ${code.frameSize} registers (the limits are ${MAX_JIT_WORDS} and ${MAX_JIT_REGISTERS})`);
      }
      return false;
    }
    const weight = spillWeight(code, 0);
    if (weight > MAX_SPILL_WEIGHT) {
      code.noJit = true;
      if (this.options.debug) this.log(`[jit] not compiled ${describe(code)}: its calls spill ${weight} registers in all (the limit is ${MAX_SPILL_WEIGHT})`);
      return false;
    }
    const t0 = performance.now();
    const outerNested = this.nestedMs;
    this.nestedMs = 0;
    const id = ++this.counter;
    let source = "";
    try {
      const extras: unknown[] = [];
      this.compiling.add(code);
      try { source = generateSource(code, id, 0, extras, this.nativeOf, this.stats); } finally { this.compiling.delete(code); }
      // eslint-disable-next-line @typescript-eslint/no-implied-eval
      const factory = new Function("R", "K", "CODE", "X", source);
      code.jit = this.wasm.consider(code, factory(this.native, code.consts, code, extras));
      code.resetWarmth();
    } catch (e) {
      code.noJit = true;
      this.stats.failed++;
      this.log(`[jit] failed ${describe(code)}: ${e instanceof Error ? e.message : String(e)}`);
      this.nestedMs = outerNested + (performance.now() - t0);
      return false;
    }
    // This procedure's own time: callees compiled first for its direct calls count for themselves.
    const total = performance.now() - t0, ms = total - this.nestedMs;
    this.nestedMs = outerNested + total;
    this.stats.compiled++;
    this.stats.compileMs += ms;
    this.stats.jsChars += source.length;
    this.compileTimes.push(ms);
    if (this.options.debug) {
      this.log(`[jit] compiled ${describe(code)}: bytecode ${code.code.length} words, JS ${source.length} chars, ${ms.toFixed(3)} ms`);
    }
    return true;
  }

  /**
   * Compile the resume entry of `code` at return pc `pc` (codegen-js.ts): the rest of the
   * procedure from there, for frames the interpreter returns into. Null when it fails.
   */
  // eslint-disable-next-line @typescript-eslint/ban-types
  compileResume(code: Code, pc: number): Function | null {
    const t0 = performance.now();
    let fn: Function | null = null;
    try {
      const extras: unknown[] = [];
      const source = generateSource(code, ++this.counter, pc, extras, this.nativeOf);
      // eslint-disable-next-line @typescript-eslint/no-implied-eval
      fn = new Function("R", "K", "CODE", "X", source)(this.native, code.consts, code, extras) as Function;
      this.stats.jsChars += source.length;
    } catch (e) {
      this.log(`[jit] failed resume entry ${describe(code)} at ${pc}: ${e instanceof Error ? e.message : String(e)}`);
    }
    const ms = performance.now() - t0;
    this.stats.resumes++;
    this.stats.compileMs += ms;
    if (this.options.debug) this.log(`[jit] resume entry ${describe(code)} at pc ${pc}: ${ms.toFixed(3)} ms`);
    (code.resumes ??= [])[pc] = fn;
    return fn;
  }

  /** One line for the end of a run under --jit-debug. */
  summary(): string {
    const t = [...this.compileTimes].sort((x, y) => x - y);
    const median = t.length ? (t.length % 2 ? t[(t.length - 1) / 2] : (t[t.length / 2 - 1] + t[t.length / 2]) / 2) : 0;
    const s = this.stats;
    return `[jit] summary: ${s.compiled} compiled (${s.failed} failed), median compile ${median.toFixed(3)} ms, ` +
      `total ${s.compileMs.toFixed(1)} ms, ${s.deopts} deopts, ${s.reifications} reifications, ${s.resumes} resume entries, ` +
      `${this.native.trampolined} tail calls trampolined, ${s.inlined} calls inlined` +
      (this.sharing ? `, ${this.sharing.shared} identical procedures shared (${this.sharing.savedCompilations()} compilations saved)` : "") +
      "\n" + this.wasm.summary();
  }

  /** The generated source for `code` (for the disassembler), without installing it. */
  sourceOf(code: Code): string { return generateSource(code, 0, 0, [], (c) => c.jit); }

  deoptimized(code: Code, reason: string): void {
    this.stats.deopts++;
    if (this.options.debug) this.log(`[jit] deopt ${describe(code)}: ${reason}`);
  }

  reified(r: Reify): void {
    this.stats.reifications++;
    if (this.options.debug) {
      const why = r.action.kind === "request" ? `request ${r.action.req.constructor.name}` : r.reason;
      this.log(`[jit] reify ${r.count} frame${r.count === 1 ? "" : "s"}: ${why}`);
    }
  }
}

function describe(code: Code): string {
  const pos = code.pos ? ` (${code.pos.file}:${code.pos.line}:${code.pos.column})` : "";
  return `${code.name || "#<lambda>"}${pos}`;
}
