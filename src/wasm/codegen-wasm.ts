// Tier 2 code generation: a module plan (analyze.ts) -> the bytes of one Wasm module.
//
// Each spec is one Wasm function: its parameters in their machine types (fixnum i64, flonum
// f64, boolean i32, vector as handle/address/length i32s), then, for a closure the module makes
// (a Lam: a named let or `do` loop), the values it captured (lamSlots), then a depth (i32); its
// result in its kind's type. A register holding a Lam is the locals of its captured values;
// making the closure (CLOSURE) copies them, calling it passes them. Registers are locals, one per (register, kind), so a register the bytecode
// reuses for values of different kinds gets one local per kind. The body has the shape of the
// JS tier's (codegen-js.ts): a `loop` for self tail calls around nested `block`s that close at
// the forward jump targets (a jump is `br` out of a block). Tail calls to other specs are
// `return_call`. Before the loop, at function entry: the f64x2 pairs of an element-wise loop
// (simd.ts), and the entry test of a loop whose index stays in range, choosing a second copy
// of the loop emitted without the guards it proves (induction.ts; `proven`).
//
// Leaving Wasm (the "deopt" protocol of wasm/deopt.ts): a failed guard writes this frame (spec,
// pc, every register with its kind) to the scratch area of the vector memory, counts it, and
// returns a dummy; each Wasm caller, seeing the count set after a call, writes its own frame
// (suspended at that call) and returns too. The JS wrapper turns the frames into a Reify with
// the action `resume`, so the interpreter continues the innermost frame at the failed
// instruction, exactly as it would have run it.
//
// The export "entry" takes the root spec's arguments as JS numbers (f64) and i32s, the root
// closure's free variables, the interrupt fuel, the native depth and its limit; it stores the
// remaining fuel and the frame count in the scratch area before returning.

import { Code } from "../bytecode/code.js";
import { Op, instructionLength } from "../bytecode/opcodes.js";
import { Value } from "../runtime/values.js";
import { FunctionBuilder, ModuleBuilder } from "./module-builder.js";
import { ValType } from "./instructions.js";
import { AType, EXIT, Kind, Lam, ModulePlan, Spec, State, isKind, isLam, knownTruth, lamSlots } from "./analyze.js";
import { VECTOR_KINDS, isVecKind } from "./vector-kinds.js";
import { PrimEmitter, WasmPrim, fixnumMul, fixnumResult } from "./primitives.js";
import { ElementwiseLoop, SimdHost, describeLoop, elementwiseLoop, emitElementwise } from "./simd.js";
import { InductionLoop, emitInductionTest, inductionLoop } from "./induction.js";
import {
  FRAMES_BASE, FRAME_HEADER, REG_BYTES, SCRATCH_FUEL, SCRATCH_NFRAMES, TAG, FRAME_GUARD, FRAME_CALL, FRAME_DEPTH,
  FRAME_INTERRUPT, FRAME_EXIT, POLL_LEAVE,
} from "./deopt.js";

const MEMORY_MAX_PAGES = 16384;

export interface CompiledModule {
  readonly bytes: Uint8Array;
  /** Values of the `{c}` registers, by the index a deopt frame records. */
  readonly consts: Value[];
  /** Kinds of the root's free variables that are passed to the entry (others are known constants). */
  readonly freeKinds: (Kind | null)[];
  /** Bytes of the largest frame a deopt writes. */
  readonly maxFrameBytes: number;
  /** The element-wise loops run two elements at a time (simd.ts), described for --jit-debug. */
  readonly simdLoops: string[];
  /** The loops with a copy without the guards of their index (induction.ts), for --jit-debug. */
  readonly inductionLoops: string[];
}

export interface CompileOptions {
  /** Element-wise f64vector loops in f64x2 SIMD (simd.ts); off: scalar only (KILN_WASM_SIMD=0). */
  readonly simd: boolean;
  /** A second copy of a loop without the guards its index cannot fail (induction.ts). */
  readonly induction?: boolean;
}

/** The Wasm result type of a spec: a known constant result is an i32 nobody reads. */
const retType = (s: Spec): ValType => (isKind(s.ret) ? VT[s.ret][0] : "i32");

const VECTOR_VT: readonly ValType[] = ["i32", "i32", "i32"];
const VT = {
  I: ["i64"], F: ["f64"], B: ["i32"], ...Object.fromEntries(VECTOR_KINDS.map((v) => [v.kind, VECTOR_VT])),
} as unknown as { readonly [K in Kind]: readonly ValType[] };
/** How the entry receives a value of each kind from JS (a fixnum as a double: exact below 2^53). */
const ENTRY_VT = { ...VT, I: ["f64"] } as { readonly [K in Kind]: readonly ValType[] };
/** The value types of a Lam's captured values, flattened. */
const lamVT = (l: Lam): ValType[] => lamSlots(l).flatMap((k) => VT[k]);

export function compileModule(plan: ModulePlan, options: CompileOptions = { simd: true }): CompiledModule {
  const m = new ModuleBuilder();
  const poll = m.importFunc("env", "poll", ["i32"], ["i32"]);
  m.importMemory("env", "mem", { min: 1, max: MEMORY_MAX_PAGES, shared: true });
  const g = {
    fuel: m.global("i32", true, 0),
    nframes: m.global("i32", true, 0),
    wp: m.global("i32", true, FRAMES_BASE),
    maxd: m.global("i32", true, 0),
  };
  const consts: Value[] = [];
  const constIndex = (v: Value): number => {
    let i = consts.indexOf(v);
    if (i < 0) { i = consts.length; consts.push(v); }
    return i;
  };
  // The root closure's free variables that are numbers or booleans live in globals.
  const freeKinds = plan.free.map((t) => (isKind(t) ? t : null));
  // Global indices of each free variable's parts (three for a vector).
  const freeGlobals = freeKinds.map((k) => (k ? VT[k].map((t) => m.global(t, true, t === "i64" ? 0n : 0)) : []));
  const funcs = plan.specs.map((s) => {
    const params = [...s.params.flatMap((k) => VT[k]), ...(isLam(s.clo) ? lamVT(s.clo) : []), "i32" as ValType];
    return m.func(params, [retType(s)], `${s.code.name || "lambda"}#${s.id}`);
  });
  let maxFrameBytes = 0;
  const simdLoops: string[] = [], inductionLoops: string[] = [];
  for (const s of plan.specs) {
    const e = new SpecEmitter(s, funcs[s.id], funcs, g, poll, freeGlobals, constIndex, plan.knownVectors);
    const loop = options.simd && s.loops.size ? elementwiseLoop(s) : null;
    if (loop && "index" in loop) simdLoops.push(`${s.code.name || "lambda"}#${s.id}: ${describeLoop(loop)}`);
    const ind = options.induction !== false && s.loops.size ? inductionLoop(s) : null;
    if (ind) inductionLoops.push(`${s.code.name || "lambda"}#${s.id}: without ${ind.bounds.size} bounds checks and ${ind.ranges.size} fixnum range guards`);
    e.emitBody(loop && "index" in loop ? loop : null, ind);
    maxFrameBytes = Math.max(maxFrameBytes, e.maxFrameBytes);
  }
  // The entry.
  const root = plan.root;
  const entryParams: ValType[] = [...root.params.flatMap((k) => ENTRY_VT[k]), ...freeKinds.flatMap((k) => (k ? ENTRY_VT[k] : [])), "i32", "i32", "i32"];
  const entry = m.func(entryParams, ["f64"], "entry");
  let p = 0;
  const args: number[] = [];
  for (const k of root.params) { args.push(p); p += ENTRY_VT[k].length; }
  freeKinds.forEach((k, i) => {
    if (!k) return;
    freeGlobals[i].forEach((gi) => {
      entry.op("local.get", p++);
      if (k === "I") entry.op("i64.trunc_f64_s");
      entry.op("global.set", gi);
    });
  });
  const fuel = p, depth = p + 1, maxd = p + 2;
  entry.op("local.get", fuel).op("global.set", g.fuel)
    .op("i32.const", 0).op("global.set", g.nframes)
    .op("i32.const", FRAMES_BASE).op("global.set", g.wp)
    .op("local.get", maxd).op("global.set", g.maxd);
  root.params.forEach((k, i) => {
    if (isVecKind(k)) { entry.op("local.get", args[i]).op("local.get", args[i] + 1).op("local.get", args[i] + 2); return; }
    entry.op("local.get", args[i]);
    if (k === "I") entry.op("i64.trunc_f64_s");
  });
  entry.op("local.get", depth).op("call", funcs[root.id].index);
  if (root.ret === "I") entry.op("f64.convert_i64_s");
  else if (root.ret === "B") entry.op("f64.convert_i32_u");
  else if (!isKind(root.ret)) entry.op("drop").op("f64.const", 0);
  entry.op("i32.const", 0).op("global.get", g.fuel).op("i32.store", { offset: SCRATCH_FUEL })
    .op("i32.const", 0).op("global.get", g.nframes).op("i32.store", { offset: SCRATCH_NFRAMES })
    .op("end");
  m.export("entry", "func", entry.index);
  return { bytes: m.bytes(), consts, freeKinds, maxFrameBytes, simdLoops, inductionLoops };
}

interface Globals { fuel: number; nframes: number; wp: number; maxd: number }

class SpecEmitter implements PrimEmitter, SimdHost {
  readonly code: Code;
  readonly ins: Uint32Array;
  private readonly locals = new Map<string, number>();
  private readonly depthLocal: number;
  private readonly temps = new Map<ValType, number[]>();
  private tempsUsed = new Map<ValType, number>();
  private state: State = [];
  private pc = 0;
  /** Open jump-target blocks, outermost first. */
  private blocks: number[] = [];
  /** The first parameter holding the closure's captured values (a Lam spec). */
  private readonly cloParam: number;
  /** Bytes of the largest frame this function writes when leaving. */
  maxFrameBytes = 0;

  constructor(
    readonly spec: Spec,
    readonly f: FunctionBuilder,
    readonly funcs: FunctionBuilder[],
    readonly g: Globals,
    readonly poll: number,
    readonly freeGlobals: number[][],
    readonly constIndex: (v: Value) => number,
    readonly knownVectors: readonly ArrayBufferView[],
  ) {
    this.code = spec.code;
    this.ins = spec.code.code;
    let p = 0;
    spec.params.forEach((k, r) => {
      for (let j = 0; j < VT[k].length; j++) this.locals.set(`${r}${k}${j}`, p++);
    });
    this.cloParam = p;
    if (isLam(spec.clo)) p += lamVT(spec.clo).length;
    this.depthLocal = p;
  }

  /** The locals of register r holding the Lam l (one per value type of its captured values). */
  private lamLocals(r: number, l: Lam): number[] {
    return lamVT(l).map((t, m) => {
      const key = `${r}L${l.id}:${m}`;
      let x = this.locals.get(key);
      if (x === undefined) { x = this.f.local(t); this.locals.set(key, x); }
      return x;
    });
  }

  /** The locals holding free variable i of this spec's closure (a Lam): its value types' locals. */
  private freeLocals(i: number): number[] {
    const l = this.spec.clo as Lam;
    const all = lamVT(l).map((_, m) => this.cloParam + m);
    if (l.selfRefs.has(i)) return all;  // the closure itself
    let at = 0;
    for (let j = 0; j < i; j++) {
      if (l.selfRefs.has(j)) continue;
      const t = l.free[j];
      at += isKind(t) ? VT[t].length : isLam(t) ? lamVT(t).length : 0;
    }
    const t = l.free[i];
    return all.slice(at, at + (isKind(t) ? VT[t].length : isLam(t) ? lamVT(t).length : 0));
  }

  /** Push the value of free variable i (its value types, in order). */
  pushFree(i: number): void {
    if (isLam(this.spec.clo)) for (const x of this.freeLocals(i)) this.f.op("local.get", x);
    else for (const gi of this.freeGlobals[i]) this.f.op("global.get", gi);
  }

  /** Push the captured values of the Lam in register r. */
  private pushLam(r: number): void {
    for (const x of this.lamLocals(r, this.state[r] as Lam)) this.f.op("local.get", x);
  }

  /** Store the Lam l's captured values on the stack into register r. */
  private setLam(r: number, l: Lam): void {
    const xs = this.lamLocals(r, l);
    for (let m = xs.length - 1; m >= 0; m--) this.f.op("local.set", xs[m]);
  }

  /** The local of parameter r as kind k (part j of a vector), for the SIMD loop. */
  paramLocal(r: number, k: Kind, j = 0): number { return this.local(r, k, j); }

  /** The local of register r as kind k (part j of a vector). */
  private local(r: number, k: Kind, j = 0): number {
    const key = `${r}${k}${j}`;
    let l = this.locals.get(key);
    if (l === undefined) { l = this.f.local(VT[k][j]); this.locals.set(key, l); }
    return l;
  }

  tmp(t: ValType): number {
    const used = this.tempsUsed.get(t) ?? 0;
    const list = this.temps.get(t) ?? [];
    if (used === list.length) list.push(this.f.local(t));
    this.temps.set(t, list);
    this.tempsUsed.set(t, used + 1);
    return list[used];
  }

  push(r: number, k: Kind): void {
    const t = this.state[r];
    if (t === "I") { this.f.op("local.get", this.local(r, "I")); if (k === "F") this.f.op("f64.convert_i64_s"); return; }
    if (t === "F" || t === "B") { this.f.op("local.get", this.local(r, t)); return; }
    if (isKind(t) && isVecKind(t)) { for (let j = 0; j < 3; j++) this.f.op("local.get", this.local(r, t, j)); return; }
    if (isVecKind(k) && typeof t === "object" && "c" in t && ArrayBuffer.isView(t.c)) {
      // A global's vector: its handle in the wrapper's table, address and length are constants.
      const v = t.c as Float64Array;
      this.f.op("i32.const", this.knownVectors.indexOf(v)).op("i32.const", v.byteOffset).op("i32.const", v.length);
      return;
    }
    if (typeof t === "object" && "c" in t && typeof t.c === "boolean" && k === "B") { this.f.op("i32.const", t.c ? 1 : 0); return; }
    throw new Error(`wasm codegen: register ${r} has no ${k} value at pc ${this.pc}`);
  }

  pushVector(r: number, part: "addr" | "len"): void {
    const t = this.state[r];
    if (typeof t === "object" && "c" in t && ArrayBuffer.isView(t.c)) {
      const v = t.c as Float64Array;
      this.f.op("i32.const", part === "addr" ? v.byteOffset : v.length);
    } else this.f.op("local.get", this.local(r, t as Kind, part === "addr" ? 1 : 2));
  }

  /** Store the value on the stack into register r as kind k. */
  private set(r: number, k: Kind): void {
    if (isVecKind(k)) { for (let j = 2; j >= 0; j--) this.f.op("local.set", this.local(r, k, j)); return; }
    this.f.op("local.set", this.local(r, k));
  }

  guard(): void {
    this.f.op("if", "void");
    this.leave(FRAME_GUARD, this.state);
    this.f.op("end");
  }

  /**
   * Write this frame (the state before the current instruction) and return to the caller. The
   * registers come first, then the extra slots: this closure's captured values (a Lam spec),
   * then those of each register holding a Lam, in register order (deopt.ts reads them back).
   */
  private leave(kind: number, st: State): void {
    const f = this.f, wp = this.g.wp;
    const word = (offset: number, v: number): void => { f.op("global.get", wp).op("i32.const", v).op("i32.store", { offset }); };
    /** One slot: the tag of kind k and its value from the locals xs (a vector: its handle). */
    const slot = (at: number, k: Kind, xs: readonly number[]): void => {
      f.op("global.get", wp).op("local.get", xs[0]);
      if (k === "I") f.op("f64.convert_i64_s"); else if (k !== "F") f.op("f64.convert_i32_u");
      f.op("f64.store", { offset: at + 8 });
      word(at, k === "I" ? TAG.fixnum : k === "F" ? TAG.flonum : k === "B" ? TAG.boolean : TAG.vector);
    };
    const extras: [Lam, number[]][] = [];
    if (isLam(this.spec.clo)) extras.push([this.spec.clo, lamVT(this.spec.clo).map((_, m) => this.cloParam + m)]);
    st.forEach((t, r) => {
      const at = FRAME_HEADER + REG_BYTES * r;
      if (isKind(t)) slot(at, t, VT[t].map((_, j) => this.local(r, t, j)));
      else if (isLam(t)) {
        f.op("global.get", wp).op("f64.const", t.id).op("f64.store", { offset: at + 8 });
        word(at, TAG.lambda);
        extras.push([t, this.lamLocals(r, t)]);
      } else if (typeof t === "object") {
        f.op("global.get", wp).op("f64.const", this.constIndex(t.c)).op("f64.store", { offset: at + 8 });
        word(at, TAG.known);
      } else word(at, TAG.none);
    });
    let n = st.length;
    for (const [l, xs] of extras) {
      let m = 0;
      for (const k of lamSlots(l)) { slot(FRAME_HEADER + REG_BYTES * n++, k, xs.slice(m)); m += VT[k].length; }
    }
    word(0, this.spec.id); word(4, this.pc); word(8, kind); word(12, st.length); word(16, n - st.length);
    this.maxFrameBytes = Math.max(this.maxFrameBytes, FRAME_HEADER + REG_BYTES * n);
    f.op("global.get", wp).op("i32.const", FRAME_HEADER + REG_BYTES * n).op("i32.add").op("global.set", wp)
      .op("global.get", this.g.nframes).op("i32.const", 1).op("i32.add").op("global.set", this.g.nframes);
    this.dummy();
    f.op("return");
  }

  private dummy(): void {
    const k = this.spec.ret;
    if (k === "I") this.f.op("i64.const", 0); else if (k === "F") this.f.op("f64.const", 0); else this.f.op("i32.const", 0);
  }

  private brDepth(target: number): number {
    const i = this.blocks.lastIndexOf(target);
    if (i < 0) throw new Error(`wasm codegen: no block for target ${target}`);
    return this.blocks.length - 1 - i;
  }

  /**
   * The interrupt poll: at entry and at every iteration (runtime/interrupts.ts), n units of
   * fuel (or an i32 the function n pushes: the SIMD loop's chunk). When the evaluation must stop, the poll answers POLL_LEAVE and the frame leaves Wasm
   * at pc 0 (this.state must be the entry state), so the interpreter stops it at its next poll
   * with this procedure's position in the backtrace.
   */
  pollAtEntry(n: number | (() => void)): void {
    const f = this.f;
    f.op("global.get", this.g.fuel);
    if (typeof n === "number") f.op("i32.const", n); else n();
    f.op("i32.sub").op("global.set", this.g.fuel)
      .op("global.get", this.g.fuel).op("i32.const", 0).op("i32.lt_s").op("if", "void")
      .op("global.get", this.g.fuel).op("call", this.poll).op("global.set", this.g.fuel).op("global.get", this.g.fuel)
      .op("i32.const", POLL_LEAVE).op("i32.eq").op("if", "void");
    this.leave(FRAME_INTERRUPT, this.state);
    f.op("end").op("end");
  }

  emitBody(simd: ElementwiseLoop | null, induction: InductionLoop | null): void {
    const f = this.f, s = this.spec;
    this.state = s.states[0]!;
    this.pc = 0;
    // An element-wise loop runs its pairs first (simd.ts), then the scalar loop from there.
    if (simd) emitElementwise(this, simd);
    if (induction) {
      // When the index stays in range (induction.ts), a copy of the loop without those guards.
      emitInductionTest(this, induction);
      f.op("if", "void");
      this.fast = induction;
      this.emitLoop();
      this.fast = null;
      f.op("unreachable").op("end");
    }
    this.emitLoop();
    f.op("unreachable").op("end");
  }

  /** The guards the loop copy being written leaves out (induction.ts); null in the ordinary copy. */
  private fast: InductionLoop | null = null;

  /** Whether the current instruction's bounds check, or fixnum range guard, is proven (induction.ts). */
  proven(what: "bounds" | "range"): boolean {
    return this.fast !== null && (what === "bounds" ? this.fast.bounds : this.fast.ranges).has(this.pc);
  }

  /** The spec's body as a loop (the self tail calls branch back to its start). */
  private emitLoop(): void {
    const f = this.f, ins = this.ins, s = this.spec;
    const targets = new Set<number>();
    for (let pc = 0; pc < ins.length; pc += instructionLength(ins, pc)) {
      const op = ins[pc] as Op;
      if (!s.states[pc]) continue;
      if (op === Op.JMP) targets.add(ins[pc + 1]);
      else if (op === Op.JF || op === Op.JT) targets.add(ins[pc + 2]);
    }
    this.state = s.states[0]!;
    this.pc = 0;
    f.op("loop", "void");
    this.pollAtEntry(1);
    this.blocks = [...targets].sort((x, y) => y - x);
    for (let i = 0; i < this.blocks.length; i++) f.op("block", "void");
    for (let pc = 0; pc < ins.length; pc += instructionLength(ins, pc)) {
      while (this.blocks.length && this.blocks[this.blocks.length - 1] === pc) { f.op("end"); this.blocks.pop(); }
      const st = s.states[pc];
      if (!st) continue;
      this.state = st;
      this.pc = pc;
      this.tempsUsed = new Map();
      this.emit(ins[pc] as Op, pc);
    }
    while (this.blocks.length) { f.op("end"); this.blocks.pop(); }
    f.op("end");  // loop
  }

  private stateAfter(pc: number): State | undefined {
    return this.spec.states[pc + instructionLength(this.ins, pc)];
  }

  private emit(op: Op, pc: number): void {
    const f = this.f, I = this.ins, st = this.state;
    const A = I[pc + 1], B = I[pc + 2], C = I[pc + 3];
    const kindOf = (t: AType): Kind | null => (isKind(t) ? t : null);
    switch (op) {
      case Op.MOV: {
        const t = st[B], k = kindOf(t);
        if (k) { this.push(B, k); this.set(A, k); } else if (isLam(t)) { this.pushLam(B); this.setLam(A, t); }
        return;
      }
      case Op.CONST: case Op.GREF: {
        // A global holding a number: its value when compiled (the wrapper checks it has not changed).
        const v = op === Op.CONST ? this.code.consts[B] : (this.code.consts[B] as { value: Value }).value;
        if (typeof v === "number" && Number.isInteger(v)) { f.op("i64.const", BigInt(v)); this.set(A, "I"); }
        else if (typeof v === "number") { f.op("f64.const", v); this.set(A, "F"); }
        else if (typeof v === "object" && v !== null && "v" in v && typeof (v as { v: unknown }).v === "number") { f.op("f64.const", (v as { v: number }).v); this.set(A, "F"); }
        else if (typeof v === "boolean") { f.op("i32.const", v ? 1 : 0); this.set(A, "B"); }
        return;
      }
      case Op.FREE: {
        const t = this.stateAfter(pc)?.[A], k = kindOf(t);
        if (k) { this.pushFree(B); this.set(A, k); } else if (isLam(t)) { this.pushFree(B); this.setLam(A, t); }
        return;
      }
      case Op.CLOSURE: {
        // The captured values Wasm keeps, in the order of lamSlots: a register's, a free variable's.
        const l = this.stateAfter(pc)?.[A];
        if (!isLam(l)) return;
        l.free.forEach((t, i) => {
          if (l.selfRefs.has(i) || !(isKind(t) || isLam(t))) return;
          const w = I[pc + 4 + i];
          if (w & 1) this.pushFree(w >> 1);
          else if (isLam(t)) this.pushLam(w >> 1);
          else this.push(w >> 1, t);
        });
        this.setLam(A, l);
        return;
      }
      case Op.SETFREE: return;  // a named let's own name: the closure itself, nothing kept
      case Op.JMP: f.op("br", this.brDepth(A)); return;
      case Op.JF: case Op.JT: {
        const t = st[A];
        if (t === "B") {
          this.push(A, "B");
          if (op === Op.JF) f.op("i32.eqz");
          f.op("br_if", this.brDepth(B));
        } else if ((knownTruth(t) ?? true) === (op === Op.JT)) f.op("br", this.brDepth(B));
        return;
      }
      case Op.ADD: case Op.SUB: case Op.MUL: {
        const out = this.stateAfter(pc)?.[A] ?? (st[B] === "I" && st[C] === "I" ? "I" : "F");
        if (out === "I") {
          if (op === Op.MUL && this.proven("range")) { this.push(B, "I"); this.push(C, "I"); f.op("i64.mul"); }
          else if (op === Op.MUL) fixnumMul(this, B, C);
          else {
            this.push(B, "I"); this.push(C, "I"); f.op(op === Op.ADD ? "i64.add" : "i64.sub");
            if (!this.proven("range")) fixnumResult(this);
          }
          this.set(A, "I");
        } else {
          this.push(B, "F"); this.push(C, "F");
          f.op(op === Op.ADD ? "f64.add" : op === Op.SUB ? "f64.sub" : "f64.mul");
          this.set(A, "F");
        }
        return;
      }
      case Op.NUMEQ: case Op.LT: case Op.LE: case Op.GT: case Op.GE: {
        const int = st[B] === "I" && st[C] === "I";
        const k: Kind = int ? "I" : "F";
        this.push(B, k); this.push(C, k);
        const name = { [Op.NUMEQ]: "eq", [Op.LT]: "lt", [Op.LE]: "le", [Op.GT]: "gt", [Op.GE]: "ge" }[op];
        f.op(int ? `i64.${name}${name === "eq" ? "" : "_s"}` : `f64.${name}`);
        this.set(A, "B");
        return;
      }
      case Op.ZEROP: {
        if (st[B] === "I") { this.push(B, "I"); f.op("i64.eqz"); } else { this.push(B, "F"); f.op("f64.const", 0).op("f64.eq"); }
        this.set(A, "B");
        return;
      }
      case Op.NOT: if (st[B] === "B") { this.push(B, "B"); f.op("i32.eqz"); this.set(A, "B"); } return;
      case Op.RET: {
        const k = this.spec.ret;
        if (isKind(k)) this.push(A, k); else f.op("i32.const", 0);
        f.op("return");
        return;
      }
      case Op.CALL: case Op.TAILCALL: {
        const callee = this.spec.calls.get(pc)!;
        const n = B, regs = Array.from({ length: n }, (_, i) => A + 5 + i);
        const tail = op === Op.TAILCALL;
        if (callee === EXIT) { this.leave(FRAME_EXIT, st); return; }
        if (!("code" in callee)) {
          const p = callee as WasmPrim;
          const types = regs.map((r) => st[r]);
          p.emit(this, regs, types);
          if (tail) {
            // A primitive whose result is a constant (a vector-set!'s unspecified) pushes nothing:
            // return what RET returns for a procedure whose result is not a kind.
            const rt = p.type(types);
            if (rt === null || !isKind(rt)) f.op("i32.const", 0);
            f.op("return");
            return;
          }
          const k = kindOf(this.stateAfter(pc)?.[A]);
          if (k) this.set(A, k);
          return;
        }
        const target = callee as Spec;
        if (tail && this.spec.loops.has(pc)) {
          regs.forEach((r, i) => this.push(r, target.params[i]));
          for (let i = n - 1; i >= 0; i--) this.set(i, target.params[i]);
          f.op("br", this.blocks.length);
          return;
        }
        if (tail) {
          regs.forEach((r, i) => this.push(r, target.params[i]));
          if (isLam(target.clo)) this.pushLam(A);
          f.op("local.get", this.depthLocal).op("return_call", this.funcs[target.id].index);
          return;
        }
        // A non-tail call: within the depth budget, else the interpreter makes it.
        const d = this.tmp("i32");
        // Native depth is the callee frame's offset on the interpreter's stack (jit/native-runtime.ts).
        f.op("local.get", this.depthLocal).op("i32.const", A + 5).op("i32.add")
          .op("local.tee", d).op("global.get", this.g.maxd).op("i32.ge_s").op("if", "void");
        this.leave(FRAME_DEPTH, st);
        f.op("end");
        regs.forEach((r, i) => this.push(r, target.params[i]));
        if (isLam(target.clo)) this.pushLam(A);
        f.op("local.get", d).op("call", this.funcs[target.id].index);
        if (isKind(target.ret)) this.set(A, target.ret); else f.op("drop");
        f.op("global.get", this.g.nframes).op("if", "void");
        this.leave(FRAME_CALL, st);
        f.op("end");
        return;
      }
      default: throw new Error(`wasm codegen: op ${op}`);
    }
  }
}
