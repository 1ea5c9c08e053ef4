// The Wasm tier's controller: which procedures go to Wasm, the JS wrapper that enters a Wasm
// module, leaving it (deopt.ts), statistics and --jit-debug logging.
//
// Selection policy. The JIT compiles a hot procedure to JavaScript first (jit.ts); then
// `consider` looks at its bytecode: only the ops analyze.ts handles, no arithmetic site whose
// feedback saw bignums, ratnums, non-numbers or a failed guard, and (outside the test mode
// "all") a loop or a call, since a leaf procedure gains nothing from the JS<->Wasm transition.
// Such a procedure gets a wrapper that, at its first call, specializes it on the kinds of its
// arguments (fixnum, flonum, boolean, vector) and of its closure's free variables, and
// compiles it, with the procedures it calls, into one module (analyze.ts, codegen-wasm.ts).
// When the analysis refuses, the JS function is installed instead, for good. A root whose
// recursion runs into Wasm's depth cap (DEEP_EXITS times) goes back to the JS tier for good.
//
// The wrapper checks each call's arguments against the specialization (and that the globals
// the module relied on still hold the same procedures); anything else runs the JS function.
// When the Wasm code leaves through a failed guard, the frames go to the interpreter (a Reify
// `resume`), the failed site is marked (analyze.ts, markFailed), and the procedure's native
// code is dropped: compiled again when hot, it stays in JS (no deoptimization loops).

import { Closure, Code } from "../bytecode/code.js";
import { Value, Flonum, flo } from "../runtime/values.js";
import type { NativeRuntime } from "../jit/native-runtime.js";
import { ENTRY_SLACK } from "../jit/native-runtime.js";
import { MAX_SPILL_WEIGHT, spillWeight } from "../jit/codegen-js.js";
import { Kind, ModulePlan, Refuse, SELF, hasLoopOrCall, known, markFailed, show, kindOfValue, planModule, staticRefusal } from "./analyze.js";
import { VECTOR_KIND } from "./vector-kinds.js";
import { CompiledModule, compileModule } from "./codegen-wasm.js";
import { FRAME_DEPTH, FRAME_GUARD, POLL_LEAVE, readFrames, SCRATCH_FUEL, SCRATCH_NFRAMES } from "./deopt.js";
import { Interrupted } from "../runtime/interrupts.js";
import { SCRATCH_BYTES, vectorMemory, VectorMemory } from "./vector-memory.js";
import { disassembleWasm } from "./disassemble.js";
import { setFlagsFromString } from "node:v8";

/**
 * V8 compiles a Wasm function with its baseline compiler (Liftoff) first and with the
 * optimizing one (TurboFan) when it is hot, but a running activation never moves to the
 * optimized code (no on-stack replacement in Wasm): a kernel whose loop is entered once (sumfp:
 * one call, 3e8 iterations) would run in Liftoff code to the end, 2.5x slower. So modules are
 * compiled by TurboFan at once (the flag is read at each compilation; only Kiln's modules are
 * compiled in this process). Measured: sumfp x10 2.25 -> 0.89 s CPU.
 */
let optimizing = false;
function compileOptimized(): void {
  if (optimizing) return;
  optimizing = true;
  try { setFlagsFromString("--no-liftoff"); } catch { /* a host without V8 flags: Liftoff first */ }
}

/** "on": the JIT's policy; "all": every eligible procedure at once (tests); "off". */
export type WasmMode = "on" | "all" | "off";

export interface WasmStats {
  /** Modules compiled (one per procedure sent to Wasm, with the procedures it calls). */
  compiled: number;
  /** Procedures looked at and left in JS (statically or by the analysis). */
  refused: number;
  /** Exits through a failed guard. */
  deopts: number;
  compileMs: number;
  bytes: number;
}

// eslint-disable-next-line @typescript-eslint/ban-types
type Fn = Function;

/** Native depth units (jit/native-runtime.ts) one Wasm entry may use: about 2,000 small frames. */
const WASM_DEPTH_UNITS = 6_000;

/**
 * Recursion goes to Wasm (fib, tak, fibfp: 1.5-8x the JS tier), but a deep one leaves Wasm at
 * its depth cap through the frame protocol, each exit spilling every Wasm frame: on a 16,000
 * deep ack that made the program 14x slower than the JS tier (CPU 14.9 s against 1.07 s,
 * 2026-12-02). So a root whose recursion reaches the cap this many times goes back to the JS
 * tier for good (the default policy; the test mode "all" keeps it in Wasm).
 */
const DEEP_EXITS = 2;

export class WasmTier {
  readonly stats: WasmStats = { compiled: 0, refused: 0, deopts: 0, compileMs: 0, bytes: 0 };
  readonly compileTimes: number[] = [];
  /** Disassembly of every module compiled, when asked for (kiln --disassemble=wasm). */
  listing: string[] | null = null;
  private counter = 0;
  /** Roots whose recursion left Wasm at the depth cap, and how often (see DEEP_EXITS). */
  private readonly depthExits = new WeakMap<Code, number>();
  private readonly deep = new WeakSet<Code>();

  constructor(
    public mode: WasmMode,
    private readonly native: NativeRuntime,
    private readonly debug: () => boolean,
    private readonly log: (line: string) => void,
    /** Element-wise f64vector loops in f64x2 SIMD (simd.ts); false: scalar Wasm only (--no-wasm-simd). */
    public simd = true,
    /** Loops whose index stays in range get a copy without those guards (induction.ts); false: not (KILN_WASM_RANGES=0). */
    public induction = true,
  ) {}

  /** Milliseconds spent specializing, modules compiled or refused (the JIT's budget, jit/policy.ts). */
  spentMs = 0;

  /** The function to install as `code.jit` after the JIT compiled `code` to `jsFn`. */
  consider(code: Code, jsFn: Fn): Fn {
    if (this.mode === "off") return jsFn;
    const mem = vectorMemory();
    if (!mem) return jsFn;
    const why = staticRefusal(code) ?? (this.mode === "on" && !hasLoopOrCall(code) ? "no loop or call"
      : this.mode === "on" && this.deep.has(code) ? "its recursion went past Wasm's depth cap (deep recursion stays in the JS tier)" : null);
    if (why) {
      this.stats.refused++;
      if (this.debug() && why !== "no loop or call") this.log(`[wasm] keeps JS for ${describe(code)}: ${why}`);
      return jsFn;
    }
    const self = this;
    const lazy = function (this: unknown, clo: Closure, depth: number, ...args: Value[]): Value {
      const w = self.specialize(code, clo, args, jsFn, mem);
      if (code.jit === lazy) code.jit = w;
      return w.call(this, clo, depth, ...args);
    };
    return lazy;
  }

  /** Compile `code` for arguments like `args` (and the closure's free variables); the JS function when refused. */
  private specialize(code: Code, clo: Closure, args: Value[], jsFn: Fn, mem: VectorMemory): Fn {
    const t0 = performance.now();
    let t1 = t0, t2 = t0;
    let plan: ModulePlan, compiled: CompiledModule, exports: WebAssembly.Exports;
    try {
      const kinds = args.map((a) => kindOfValue(a));
      if (kinds.includes(null)) throw new Refuse(`an argument Wasm cannot take (${kinds.map((k) => k ?? "?").join(" ")})`);
      plan = planModule(clo, kinds as Kind[]);
      for (const s of plan.specs) {
        const w = spillWeight(s.code, 0);
        if (w > MAX_SPILL_WEIGHT) throw new Refuse(`its calls spill ${w} registers in all (the limit is ${MAX_SPILL_WEIGHT})`);
      }
      t1 = performance.now();
      compiled = compileModule(plan, { simd: this.simd, induction: this.induction });
      t2 = performance.now();
      compileOptimized();
      const module = new WebAssembly.Module(compiled.bytes);
      const instance = new WebAssembly.Instance(module, {
        env: { mem: mem.memory, poll: (fuel: number) => this.poll(fuel) },
      });
      exports = instance.exports;
    } catch (e) {
      if (!(e instanceof Refuse)) {
        this.log(`[wasm] failed ${describe(code)}: ${e instanceof Error ? e.message : String(e)}`);
      } else if (this.debug()) this.log(`[wasm] keeps JS for ${describe(code)}: ${e.message}`);
      this.stats.refused++;
      this.spentMs += performance.now() - t0;
      return jsFn;
    }
    const wrapper = this.wrapper(code, plan, compiled, exports.entry as Fn, jsFn, mem);
    const ms = performance.now() - t0;
    this.spentMs += ms;
    this.stats.compiled++;
    this.stats.compileMs += ms;
    this.stats.bytes += compiled.bytes.length;
    this.compileTimes.push(ms);
    if (this.debug()) {
      const sig = plan.root.params.join("") || "-";
      this.log(`[wasm] compiled ${describe(code)} (${sig} -> ${show(plan.root.ret)}): ${plan.specs.length} function${plan.specs.length === 1 ? "" : "s"}, ` +
        `${compiled.bytes.length} bytes, ${ms.toFixed(3)} ms (analysis ${(t1 - t0).toFixed(3)}, emitting ${(t2 - t1).toFixed(3)}, V8 ${(ms - (t2 - t0)).toFixed(3)})`);
      for (const l of compiled.simdLoops) this.log(`[wasm]   f64x2 pairs: ${l}`);
      for (const l of compiled.inductionLoops) this.log(`[wasm]   loop copy for an index in range: ${l}`);
    }
    if (this.listing) this.listing.push(`;; ${describe(code)}, arguments ${plan.root.params.join(" ") || "none"}\n${disassembleWasm(compiled.bytes)}`);
    return wrapper;
  }

  /**
   * The JS function entering the module: checks the globals relied on and the kinds of the
   * arguments and free variables, converts them, calls the entry, converts the result, and
   * turns frames left by a guard into a Reify. Built from the kinds alone (no program text).
   */
  private wrapper(code: Code, plan: ModulePlan, compiled: CompiledModule, entry: Fn, jsFn: Fn, mem: VectorMemory): Fn {
    const n = plan.root.params.length;
    const as = Array.from({ length: n }, (_, i) => `a${i}`);
    const fallback = `return J(clo, depth${n ? ", " + as.join(", ") : ""});`;
    const lines: string[] = [];
    const pass: string[] = [];
    // Handles: the globals' vectors first (fixed), then this call's vector arguments.
    const vectors: Value[] = [...plan.knownVectors];
    let handles = vectors.length;
    const check = (src: string, k: Kind, x: string): void => {
      switch (k) {
        case "I": lines.push(`if (typeof ${src} !== "number" || !Number.isInteger(${src})) ${fallback}`); pass.push(src); break;
        case "F": lines.push(`let ${x}; if (typeof ${src} === "number" && !Number.isInteger(${src})) ${x} = ${src}; else if (${src} instanceof Flonum) ${x} = ${src}.v; else ${fallback}`); pass.push(x); break;
        case "B": lines.push(`if (typeof ${src} !== "boolean") ${fallback}`); pass.push(`(${src} ? 1 : 0)`); break;
        default: {
          // A vector of this kind in the vector memory: its handle (this call's table), address, length.
          const h = handles++;
          lines.push(`if (!(${src} !== null && typeof ${src} === "object" && ${src}.constructor === VC.${k} && MEM.holds(${src}))) ${fallback} VT[${h}] = ${src};`);
          pass.push(String(h), `${src}.byteOffset`, `${src}.length`);
          break;
        }
      }
    };
    plan.deps.forEach((_, i) => lines.push(`if (C[${i}].value !== D[${i}]) ${fallback}`));
    plan.root.params.forEach((k, i) => check(`a${i}`, k, `x${i}`));
    if (plan.free.length) lines.push(`const fv = clo.free;`);
    plan.free.forEach((t, i) => {
      const k = compiled.freeKinds[i];
      if (k) check(`fv[${i}]`, k, `y${i}`);
      else if (known(t)) lines.push(t.c === SELF ? `if (fv[${i}] !== clo) ${fallback}` : `if (fv[${i}] !== KN[${i}]) ${fallback}`);
    });
    // Depth units one entry may add: what the scratch area holds, and never more than
    // WASM_DEPTH_UNITS (Wasm frames use the same native stack as JS frames, and a runtime may
    // run without a depth budget).
    const frameCap = Math.min(WASM_DEPTH_UNITS, Math.max(8, Math.floor((SCRATCH_BYTES - 1024) / compiled.maxFrameBytes)) * 2);
    const ret = plan.root.ret;
    const result = ret === "I" ? "r" : ret === "F" ? "flo(r)" : ret === "B" ? "r !== 0" : "KR";
    const source = [
      `"use strict";`,
      `return function kiln_wasm_${++this.counter}(clo, depth${n ? ", " + as.join(", ") : ""}) {`,
      // The native depth budget, checked at entry by every function in Code.jit (codegen-js.ts).
      `  if (depth >= R.maxDepth + ${ENTRY_SLACK}) return R.enter(clo, depth, [${as.join(", ")}]);`,
      ...lines.map((l) => "  " + l),
      `  const md = depth + ${frameCap};`,
      `  const r = E(${[...pass, "I.fuel", "depth", "md < R.maxDepth ? md : R.maxDepth"].join(", ")});`,
      `  I.fuel = M32[${SCRATCH_FUEL / 4}];`,
      `  if (M32[${SCRATCH_NFRAMES / 4}] !== 0) return W(clo, depth);`,
      `  return ${result};`,
      `};`,
    ].join("\n");
    const knowns = plan.free.map((t) => (known(t) ? t.c : undefined));
    const leave = (clo: Closure, depth: number): Value => this.leave(code, plan, compiled, clo, depth, vectors, mem, jsFn);
    // eslint-disable-next-line @typescript-eslint/no-implied-eval
    const ctors = Object.fromEntries(Object.values(VECTOR_KIND).map((v) => [v.kind, v.ctor]));
    return new Function("J", "E", "W", "I", "M32", "R", "VT", "Flonum", "MEM", "VC", "C", "D", "KN", "flo", "KR", source)(
      jsFn, entry, leave, this.native.interrupts, new Int32Array(mem.memory.buffer, 0, 16), this.native, vectors, Flonum, mem,
      ctors, plan.deps.map(([c]) => c), plan.deps.map(([, v]) => v), knowns, flo,
      ret !== undefined && typeof ret === "object" ? ret.c : undefined) as Fn;
  }

  /** The Wasm code left frames: hand them to the interpreter; a failed guard also drops the native code. */
  private leave(code: Code, plan: ModulePlan, compiled: CompiledModule, clo: Closure, depth: number, vectors: Value[], mem: VectorMemory, jsFn: Fn): Value {
    const consts = compiled.consts.map((v) => (v === SELF ? clo : v));
    const d = readFrames(mem.memory.buffer, {
      closureOf: (id) => { const s = plan.specs[id]; return s.clo === SELF ? clo : s.clo; },
      lams: plan.lams, root: clo, consts, vectors,
    }, this.native, depth);
    if (d.tail) return this.native.tail(d.tail.fn, d.tail.args);
    if (d.kind === FRAME_DEPTH && this.mode === "on") {
      const n = (this.depthExits.get(code) ?? 0) + 1;
      this.depthExits.set(code, n);
      if (n >= DEEP_EXITS) {
        this.deep.add(code);
        // The JS function the wrapper falls back to is the JS tier's code for `code`, compiled
        // with it: installed again as it is (recompiling from nothing ran the procedure in the
        // interpreter until hot again, then in cold V8 code: ack-deep 1.9 s against 1.7 s with
        // --no-wasm). Its resume entries are JS too and stay.
        if (code.jit !== null) code.jit = jsFn;
        this.stats.refused++;
        if (this.debug()) this.log(`[wasm] ${describe(code)} recursed past the depth cap ${n} times: back to the JS tier`);
      }
    }
    if (d.kind === FRAME_GUARD) {
      this.stats.deopts++;
      markFailed(d.closure.code, d.pc);
      code.jit = null; code.resumes = null; code.resumeHeat = null; code.heat = 0;
      if (this.debug()) {
        const pos = d.closure.code.positionAt(d.pc);
        this.log(`[wasm] deopt ${describe(code)}: guard failed at ${pos ? `${pos.file}:${pos.line}:${pos.column}` : `pc ${d.pc}`} (pc ${d.pc})`);
      }
    }
    return d.reify!;
  }

  /**
   * Wasm code's interrupt poll. An interrupt is not thrown through Wasm frames (they would be
   * lost from the backtrace): the code leaves Wasm instead (POLL_LEAVE), and the interpreter,
   * whose fuel stays exhausted, raises it at its next poll.
   */
  private poll(fuel: number): number {
    const I = this.native.interrupts;
    I.fuel = fuel;
    try {
      I.poll();
    } catch (e) {
      if (!(e instanceof Interrupted)) throw e;
      I.fuel = -1;
      return POLL_LEAVE;
    }
    return I.fuel;
  }

  /** One line for the end of a run under --jit-debug. */
  summary(): string {
    const t = [...this.compileTimes].sort((x, y) => x - y);
    const median = t.length ? (t.length % 2 ? t[(t.length - 1) / 2] : (t[t.length / 2 - 1] + t[t.length / 2]) / 2) : 0;
    const s = this.stats;
    return `[wasm] summary: ${s.compiled} compiled, ${s.refused} kept in JS, ${s.deopts} deopts, median compile ${median.toFixed(3)} ms, ${s.bytes} bytes`;
  }
}

function describe(code: Code): string {
  const pos = code.pos ? ` (${code.pos.file}:${code.pos.line}:${code.pos.column})` : "";
  return `${code.name || "#<lambda>"}${pos}`;
}

