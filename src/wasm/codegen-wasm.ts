// Tier 2 code generation: a module plan (analyze.ts) -> the bytes of one Wasm module.
//
// Each spec is one Wasm function: its parameters in their machine types (fixnum i64, flonum
// f64, boolean i32, f64vector as handle/address/length i32s), then a depth (i32); its result in
// its kind's type. Registers are locals, one per (register, kind), so a register the bytecode
// reuses for values of different kinds gets one local per kind. The body has the shape of the
// JS tier's (codegen-js.ts): a `loop` for self tail calls around nested `block`s that close at
// the forward jump targets (a jump is `br` out of a block). Tail calls to other specs are
// `return_call`.
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
import { AType, Kind, ModulePlan, Spec, State, isKind } from "./analyze.js";
import { PrimEmitter, WasmPrim, fixnumMul, fixnumResult } from "./primitives.js";
import {
  FRAMES_BASE, FRAME_HEADER, REG_BYTES, SCRATCH_FUEL, SCRATCH_NFRAMES, TAG, FRAME_GUARD, FRAME_CALL, FRAME_DEPTH,
  FRAME_INTERRUPT, POLL_LEAVE,
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
}

/** The Wasm result type of a spec: a known constant result is an i32 nobody reads. */
const retType = (s: Spec): ValType => (isKind(s.ret) ? VT[s.ret][0] : "i32");

const VT: { readonly [K in Kind]: readonly ValType[] } = { I: ["i64"], F: ["f64"], B: ["i32"], V: ["i32", "i32", "i32"] };
/** How the entry receives a value of each kind from JS. */
const ENTRY_VT: { readonly [K in Kind]: readonly ValType[] } = { I: ["f64"], F: ["f64"], B: ["i32"], V: ["i32", "i32", "i32"] };

export function compileModule(plan: ModulePlan): CompiledModule {
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
    const params = [...s.params.flatMap((k) => VT[k]), "i32" as ValType];
    return m.func(params, [retType(s)], `${s.code.name || "lambda"}#${s.id}`);
  });
  let maxFrameBytes = 0;
  for (const s of plan.specs) {
    const e = new SpecEmitter(s, funcs[s.id], funcs, g, poll, freeGlobals, constIndex, plan.knownVectors);
    e.emitBody();
    maxFrameBytes = Math.max(maxFrameBytes, FRAME_HEADER + REG_BYTES * s.code.frameSize);
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
    if (k === "V") { entry.op("local.get", args[i]).op("local.get", args[i] + 1).op("local.get", args[i] + 2); return; }
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
  return { bytes: m.bytes(), consts, freeKinds, maxFrameBytes };
}

interface Globals { fuel: number; nframes: number; wp: number; maxd: number }

class SpecEmitter implements PrimEmitter {
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

  constructor(
    readonly spec: Spec,
    readonly f: FunctionBuilder,
    readonly funcs: FunctionBuilder[],
    readonly g: Globals,
    readonly poll: number,
    readonly freeGlobals: number[][],
    readonly constIndex: (v: Value) => number,
    readonly knownVectors: readonly Float64Array[],
  ) {
    this.code = spec.code;
    this.ins = spec.code.code;
    let p = 0;
    spec.params.forEach((k, r) => {
      for (let j = 0; j < VT[k].length; j++) this.locals.set(`${r}${k}${j}`, p++);
    });
    this.depthLocal = p;
  }

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
    if (t === "V") { for (let j = 0; j < 3; j++) this.f.op("local.get", this.local(r, "V", j)); return; }
    if (k === "V" && typeof t === "object" && t.c instanceof Float64Array) {
      // A global's vector: its handle in the wrapper's table, address and length are constants.
      this.f.op("i32.const", this.knownVectors.indexOf(t.c)).op("i32.const", t.c.byteOffset).op("i32.const", t.c.length);
      return;
    }
    if (typeof t === "object" && typeof t.c === "boolean" && k === "B") { this.f.op("i32.const", t.c ? 1 : 0); return; }
    throw new Error(`wasm codegen: register ${r} has no ${k} value at pc ${this.pc}`);
  }

  pushVector(r: number, part: "addr" | "len"): void {
    const t = this.state[r];
    if (typeof t === "object" && t.c instanceof Float64Array) this.f.op("i32.const", part === "addr" ? t.c.byteOffset : t.c.length);
    else this.f.op("local.get", this.local(r, "V", part === "addr" ? 1 : 2));
  }

  /** Store the value on the stack into register r as kind k. */
  private set(r: number, k: Kind): void {
    if (k === "V") { for (let j = 2; j >= 0; j--) this.f.op("local.set", this.local(r, "V", j)); return; }
    this.f.op("local.set", this.local(r, k));
  }

  guard(): void {
    this.f.op("if", "void");
    this.leave(FRAME_GUARD, this.state);
    this.f.op("end");
  }

  /** Write this frame (the state before the current instruction) and return to the caller. */
  private leave(kind: number, st: State): void {
    const f = this.f, wp = this.g.wp;
    const word = (offset: number, v: number): void => { f.op("global.get", wp).op("i32.const", v).op("i32.store", { offset }); };
    word(0, this.spec.id); word(4, this.pc); word(8, kind); word(12, st.length);
    st.forEach((t, r) => {
      const at = FRAME_HEADER + REG_BYTES * r;
      let tag: number = TAG.none;
      if (t === "I") { f.op("global.get", wp).op("local.get", this.local(r, "I")).op("f64.convert_i64_s").op("f64.store", { offset: at + 8 }); tag = TAG.fixnum; }
      else if (t === "F") { f.op("global.get", wp).op("local.get", this.local(r, "F")).op("f64.store", { offset: at + 8 }); tag = TAG.flonum; }
      else if (t === "B") { f.op("global.get", wp).op("local.get", this.local(r, "B")).op("f64.convert_i32_u").op("f64.store", { offset: at + 8 }); tag = TAG.boolean; }
      else if (t === "V") { f.op("global.get", wp).op("local.get", this.local(r, "V", 0)).op("f64.convert_i32_u").op("f64.store", { offset: at + 8 }); tag = TAG.vector; }
      else if (typeof t === "object") { f.op("global.get", wp).op("f64.const", this.constIndex(t.c)).op("f64.store", { offset: at + 8 }); tag = TAG.known; }
      word(at, tag);
    });
    f.op("global.get", wp).op("i32.const", FRAME_HEADER + REG_BYTES * st.length).op("i32.add").op("global.set", wp)
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

  emitBody(): void {
    const f = this.f, ins = this.ins, s = this.spec;
    const targets = new Set<number>();
    for (let pc = 0; pc < ins.length; pc += instructionLength(ins, pc)) {
      const op = ins[pc] as Op;
      if (!s.states[pc]) continue;
      if (op === Op.JMP) targets.add(ins[pc + 1]);
      else if (op === Op.JF || op === Op.JT) targets.add(ins[pc + 2]);
    }
    f.op("loop", "void");
    // The interrupt poll: at entry and at every iteration (runtime/interrupts.ts). When the
    // evaluation must stop, the poll answers POLL_LEAVE and the frame leaves Wasm at pc 0, so
    // the interpreter stops it at its next poll with this procedure's position in the backtrace.
    this.state = s.states[0]!;
    this.pc = 0;
    f.op("global.get", this.g.fuel).op("i32.const", 1).op("i32.sub").op("global.set", this.g.fuel)
      .op("global.get", this.g.fuel).op("i32.const", 0).op("i32.lt_s").op("if", "void")
      .op("global.get", this.g.fuel).op("call", this.poll).op("global.set", this.g.fuel).op("global.get", this.g.fuel)
      .op("i32.const", POLL_LEAVE).op("i32.eq").op("if", "void");
    this.leave(FRAME_INTERRUPT, this.state);
    f.op("end").op("end");
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
    f.op("unreachable").op("end");
  }

  private stateAfter(pc: number): State | undefined {
    return this.spec.states[pc + instructionLength(this.ins, pc)];
  }

  private emit(op: Op, pc: number): void {
    const f = this.f, I = this.ins, st = this.state;
    const A = I[pc + 1], B = I[pc + 2], C = I[pc + 3];
    const kindOf = (t: AType): Kind | null => (isKind(t) ? t : null);
    switch (op) {
      case Op.MOV: { const k = kindOf(st[B]); if (k) { this.push(B, k); this.set(A, k); } return; }
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
        const k = kindOf(this.stateAfter(pc)?.[A]);
        if (k && this.freeGlobals[B].length) { for (const gi of this.freeGlobals[B]) f.op("global.get", gi); this.set(A, k); }
        return;
      }
      case Op.JMP: f.op("br", this.brDepth(A)); return;
      case Op.JF: case Op.JT: {
        const t = st[A];
        if (t === "B") {
          this.push(A, "B");
          if (op === Op.JF) f.op("i32.eqz");
          f.op("br_if", this.brDepth(B));
        } else if (typeof t === "object" ? (t.c === false) === (op === Op.JF) : op === Op.JT) f.op("br", this.brDepth(B));
        return;
      }
      case Op.ADD: case Op.SUB: case Op.MUL: {
        const out = this.stateAfter(pc)?.[A] ?? (st[B] === "I" && st[C] === "I" ? "I" : "F");
        if (out === "I") {
          if (op === Op.MUL) fixnumMul(this, B, C);
          else { this.push(B, "I"); this.push(C, "I"); f.op(op === Op.ADD ? "i64.add" : "i64.sub"); fixnumResult(this); }
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
        if (!("code" in callee)) {
          const p = callee as WasmPrim;
          p.emit(this, regs, regs.map((r) => st[r]));
          if (tail) { f.op("return"); return; }
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
