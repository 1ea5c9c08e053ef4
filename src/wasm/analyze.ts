// Which code can become Wasm, and with which machine types: abstract interpretation of the
// bytecode of a procedure specialized on the representations of its arguments (a "spec").
//
// A spec is (Code, closure, parameter kinds). Its registers get abstract types, computed in one
// forward pass per spec (bytecode jumps only forward, so every predecessor of an instruction
// is seen before it; the states of the paths meeting at a jump target are joined):
//
//   "I"  a fixnum (exact integer in the safe range), an i64 local
//   "F"  a flonum, an f64 local (any double: the Flonum box exists only outside Wasm)
//   "B"  a boolean, an i32 local (0 or 1)
//   "V"  an f64vector in the Wasm vector memory: three i32 locals (handle, byte address, length)
//   {c}  a value known when compiling: a procedure read from a global (the wrapper checks the
//        global still holds it), the running closure itself, a non-numeric constant
//   undefined: no value the code may read (never written, or paths disagreeing)
//
// Calls go to other specs (discovered here, compiled into the same module) or to the numeric
// primitives of primitives.ts. A spec's result kind depends on the specs it calls, so the
// analysis of all specs of a module repeats until no result kind changes (a recursive call's
// result starts unknown: the base case decides it). Anything else refuses the whole module
// with a reason (`Refuse`), and the procedure stays in the JS tier.

import { Closure, Code } from "../bytecode/code.js";
import { Op, OPCODES, instructionLength } from "../bytecode/opcodes.js";
import { Cell } from "../expander/environment.js";
import { Flonum, Primitive, Value } from "../runtime/values.js";
import { FB_BIGNUM, FB_OTHER, FB_RATNUM } from "../jit/feedback.js";
import { WASM_PRIMITIVES, WasmPrim } from "./primitives.js";
import { vectorMemory } from "./vector-memory.js";

export type Kind = "I" | "F" | "B" | "V";
export interface Known { readonly c: Value }
export type AType = Kind | Known | undefined;
export type State = AType[];

export class Refuse extends Error {}

/**
 * The result of a call whose spec's result is not known yet (recursion, in the first passes):
 * whatever is computed from it is pending too, and a result that is pending is ignored. The
 * passes repeat until no result kind changes; in the last one every result is known.
 */
const PENDING: Known = { c: Symbol("pending") as unknown as Value };

/**
 * The closure a root procedure runs as: known only when the wrapper is called (a named let
 * makes a new closure of its loop at each entry), so the module refers to it by this marker.
 */
export const SELF = Object.freeze({ self: true }) as unknown as Closure;

/** Specializations in one module, at most. */
const MAX_SPECS = 32;

export interface Spec {
  readonly id: number;
  readonly code: Code;
  readonly clo: Closure;
  readonly params: readonly Kind[];
  /**
   * The result: a kind, or a known constant every return gives (a loop run for its effects
   * returns the unspecified value); undefined while unknown (only recursive paths seen so far).
   */
  ret: Exclude<Kind, "V"> | Known | undefined;
  /** The state before each instruction (undefined where unreachable), from the last pass. */
  states: (State | undefined)[];
  /** Per CALL/TAILCALL pc: the spec called, or the primitive. */
  readonly calls: Map<number, Spec | WasmPrim>;
  /** Per TAILCALL pc: true when it is this spec's own loop. */
  readonly loops: Set<number>;
}

export const isKind = (t: AType): t is Kind => typeof t === "string";
export const isNum = (t: AType): t is "I" | "F" => t === "I" || t === "F";
/** An f64vector in the vector memory: a value of kind V, or one read from a global (known). */
export const isVector = (t: AType): boolean => t === "V" || (typeof t === "object" && t.c instanceof Float64Array);
const known = (t: AType): t is Known => typeof t === "object";
const sameType = (a: AType, b: AType): boolean => a === b || (known(a) && known(b) && a.c === b.c);

/** Ops the Wasm tier compiles (anything else refuses the procedure). */
export const WASM_OPS: ReadonlySet<Op> = new Set([
  Op.MOV, Op.CONST, Op.GREF, Op.FREE, Op.JMP, Op.JF, Op.JT, Op.CALL, Op.TAILCALL, Op.RET,
  Op.ADD, Op.SUB, Op.MUL, Op.NUMEQ, Op.LT, Op.LE, Op.GT, Op.GE, Op.NOT, Op.ZEROP,
]);

/**
 * Arithmetic feedback that rules Wasm out: the site saw (or overflowed to) other numbers. (A
 * JS-tier deopt, FB_DEOPT, does not: Wasm code is specialized on the argument kinds.)
 */
const BAD_FEEDBACK = FB_BIGNUM | FB_RATNUM | FB_OTHER;

/** Sites where a guard of Wasm code failed: a procedure with one stays in JS (no deopt loops). */
const failedSites = new WeakMap<Code, Set<number>>();
export function markFailed(code: Code, pc: number): void {
  let s = failedSites.get(code);
  if (!s) failedSites.set(code, s = new Set());
  s.add(pc);
}

/**
 * A quick look at a Code alone (no types): only supported ops, fixed arity, no arithmetic site
 * whose feedback saw bignums, ratnums or other values. Returns the reason it is not, or null.
 */
export function staticRefusal(code: Code): string | null {
  if (code.rest) return "rest parameter";
  const ins = code.code;
  for (let pc = 0; pc < ins.length; pc += instructionLength(ins, pc)) {
    const op = ins[pc] as Op;
    if (!WASM_OPS.has(op)) return `${OPCODES[op].name} at pc ${pc}`;
    const arith = op === Op.ADD || op === Op.SUB || op === Op.MUL || (op >= Op.NUMEQ && op <= Op.GE) || op === Op.ZEROP;
    if (arith && (code.feedback[pc] & BAD_FEEDBACK)) return `feedback at pc ${pc} (${OPCODES[op].name})`;
    if (failedSites.get(code)?.has(pc)) return `a Wasm guard failed at pc ${pc} (${OPCODES[op].name})`;
  }
  return null;
}

/** Whether a procedure loops or calls (the policy sends only those to Wasm outside the test mode). */
export function hasLoopOrCall(code: Code): boolean {
  const ins = code.code;
  for (let pc = 0; pc < ins.length; pc += instructionLength(ins, pc)) {
    if (ins[pc] === Op.CALL || ins[pc] === Op.TAILCALL) return true;
  }
  return false;
}

/** The kind of a runtime value as a Wasm argument, or null when Wasm cannot take it. */
export function kindOfValue(v: Value): Kind | null {
  if (typeof v === "number") return Number.isInteger(v) ? "I" : "F";
  if (v instanceof Flonum) return "F";
  if (typeof v === "boolean") return "B";
  if (v instanceof Float64Array && vectorMemory()?.holds(v)) return "V";
  return null;
}

/** The abstract type of a constant. */
function constType(v: Value): AType {
  if (typeof v === "number") return Number.isInteger(v) ? "I" : "F";
  if (v instanceof Flonum) return "F";
  if (typeof v === "boolean") return "B";
  if (typeof v === "bigint") throw new Refuse("a bignum constant");
  return { c: v };
}

export interface ModulePlan {
  readonly root: Spec;
  readonly specs: Spec[];
  /** Globals read, with the values assumed (the wrapper checks them at each entry). */
  readonly deps: [Cell, Value][];
  /** Kinds of the root closure's free variables as used (undefined: not read, or known). */
  readonly free: AType[];
  /** f64vectors read from globals: their handles come first (the wrapper's table holds them). */
  readonly knownVectors: Float64Array[];
}

/** Analyze the module rooted at `clo` called with arguments of kinds `params`. Throws Refuse. */
export function planModule(clo: Closure, params: Kind[]): ModulePlan {
  const specs: Spec[] = [];
  const byCode = new Map<Code, Spec[]>();
  const deps = new Map<Cell, Value>();
  const knownVectors: Float64Array[] = [];
  const rootCode = clo.code;
  const free: AType[] = clo.free.map((v) => (v === clo ? { c: SELF } : kindOfValue(v) ?? { c: v }));

  const specOf = (code: Code, c: Closure, kinds: Kind[]): Spec => {
    // A global holding a closure of the root code: the same procedure when it has no free variables.
    if (c !== SELF && code === rootCode && c.free.length === 0) c = SELF;
    const list = byCode.get(code) ?? [];
    let s = list.find((sp) => sp.params.join("") === kinds.join(""));
    if (list.length && list[0].clo !== c) throw new Refuse("one procedure reached through two closures");
    if (!s) {
      if (c !== SELF && c.free.length) throw new Refuse(`a call to a procedure with free variables (${code.name || "lambda"})`);
      const why = staticRefusal(code);
      if (why) throw new Refuse(`${code.name || "lambda"}: ${why}`);
      if (code.nreq !== kinds.length) throw new Refuse("arity mismatch");
      if (specs.length >= MAX_SPECS) throw new Refuse("too many specializations");
      s = { id: specs.length, code, clo: c, params: kinds, ret: undefined, states: [], calls: new Map(), loops: new Set() };
      specs.push(s);
      list.push(s);
      byCode.set(code, list);
    }
    return s;
  };

  const root = specOf(rootCode, SELF, params);
  for (let pass = 0; ; pass++) {
    if (pass > 50) throw new Refuse("types do not settle");
    let changed = false;
    for (let i = 0; i < specs.length; i++) {
      const s = specs[i], before = s.ret, n = specs.length;
      analyzeSpec(s, { rootCode, clo, free, deps, specOf, knownVectors });
      if (s.ret !== before || specs.length !== n) changed = true;
    }
    if (!changed) break;
  }
  // A spec that never returns (an endless loop) may have any result type.
  for (const s of specs) if (s.ret === undefined) s.ret = "I";
  return { root, specs, deps: [...deps], free, knownVectors };
}

interface Ctx {
  readonly rootCode: Code;
  readonly clo: Closure;
  readonly free: AType[];
  readonly deps: Map<Cell, Value>;
  readonly specOf: (code: Code, c: Closure, kinds: Kind[]) => Spec;
  readonly knownVectors: Float64Array[];
}

function join(a: State, b: State): State {
  return a.map((t, i) => (sameType(t, b[i]) ? t : undefined));
}

function analyzeSpec(s: Spec, ctx: Ctx): void {
  const code = s.code, ins = code.code, k = code.consts;
  const states: (State | undefined)[] = new Array(ins.length);
  const init: State = new Array(code.frameSize).fill(undefined);
  s.params.forEach((p, i) => { init[i] = p; });
  states[0] = init;
  let ret = s.ret;
  const setRet = (t: AType): void => {
    if (t === undefined || t === PENDING) return;  // a recursive result not known yet
    if (t === "V") throw new Refuse("a vector result");
    if (ret !== undefined && !sameType(ret, t)) throw new Refuse(`results of two kinds (${show(ret)}, ${show(t)})`);
    if (ret === undefined) ret = t;
  };
  const flow = (target: number, st: State): void => {
    const old = states[target];
    states[target] = old ? join(old, st) : [...st];
  };
  const at = (pc: number): string => { const p = code.positionAt(pc); return p ? `${p.line}:${p.column}` : `pc ${pc}`; };

  for (let pc = 0; pc < ins.length; pc += instructionLength(ins, pc)) {
    const st0 = states[pc];
    if (!st0) continue;
    const st = [...st0];
    const op = ins[pc] as Op, A = ins[pc + 1], B = ins[pc + 2], C = ins[pc + 3];
    const num = (r: number): "I" | "F" | "P" => {
      const t = st[r];
      if (t === PENDING) return "P";
      if (!isNum(t)) throw new Refuse(`${OPCODES[op].name} on a non-number at ${at(pc)}`);
      return t;
    };
    let fallsThrough = true;
    switch (op) {
      case Op.MOV: st[A] = st[B]; break;
      case Op.CONST: st[A] = constType(k[B]); break;
      case Op.GREF: {
        const cell = k[B] as Cell, v = cell.value;
        const vec = v instanceof Float64Array && vectorMemory()?.holds(v);
        const scalar = typeof v === "number" || v instanceof Flonum || typeof v === "boolean";
        if (!(v instanceof Closure || v instanceof Primitive || vec || scalar)) throw new Refuse(`global ${cell.name.name} is not a procedure, number or f64vector`);
        if (vec && !ctx.knownVectors.includes(v)) ctx.knownVectors.push(v);
        // The wrapper checks at each entry that the global still holds this value.
        ctx.deps.set(cell, v);
        st[A] = scalar ? constType(v) : { c: v };
        break;
      }
      case Op.FREE: {
        if (code !== ctx.rootCode) throw new Refuse("a free variable outside the root procedure");
        const t = ctx.free[B];
        if (t === undefined) throw new Refuse("a free variable Wasm cannot hold");
        st[A] = t;
        break;
      }
      case Op.JMP: flow(A, st); fallsThrough = false; break;
      case Op.JF: case Op.JT: {
        const t = st[A];
        if (t === "B" || t === PENDING) flow(B, st);
        else if (known(t) && (t.c === false) === (op === Op.JF)) { flow(B, st); fallsThrough = false; }
        else if (t === undefined) throw new Refuse(`a test of an unknown value at ${at(pc)}`);
        break;
      }
      case Op.ADD: case Op.SUB: case Op.MUL: {
        const a = num(B), b = num(C);
        st[A] = a === "P" || b === "P" ? PENDING : a === "I" && b === "I" ? "I" : "F";
        break;
      }
      case Op.NUMEQ: case Op.LT: case Op.LE: case Op.GT: case Op.GE: num(B); num(C); st[A] = "B"; break;
      case Op.ZEROP: num(B); st[A] = "B"; break;
      case Op.NOT: {
        const t = st[B];
        if (t === undefined) throw new Refuse(`not of an unknown value at ${at(pc)}`);
        st[A] = t === "B" || t === PENDING ? "B" : { c: known(t) && t.c === false };
        break;
      }
      case Op.RET: setRet(st[A]); fallsThrough = false; break;
      case Op.CALL: case Op.TAILCALL: {
        const n = B, f = st[A];
        const args = Array.from({ length: n }, (_, i) => st[A + 5 + i]);
        if (!known(f)) throw new Refuse(`a call of an unknown procedure at ${at(pc)}`);
        const tail = op === Op.TAILCALL;
        if (args.includes(PENDING)) {
          // Depends on a result not known yet: decided in a later pass.
          if (tail) fallsThrough = false; else st[A] = PENDING;
          break;
        }
        if (f.c instanceof Primitive) {
          const p = WASM_PRIMITIVES.get(f.c.name);
          if (!p || p.arity !== n) throw new Refuse(`a call of ${f.c.name} at ${at(pc)}`);
          const r = p.type(args);
          if (r === null) throw new Refuse(`${f.c.name} on (${args.map(show).join(" ")}) at ${at(pc)}`);
          s.calls.set(pc, p);
          if (tail) { setRet(r); fallsThrough = false; } else st[A] = r;
          break;
        }
        const target = f.c === SELF ? SELF : f.c instanceof Closure ? f.c : null;
        if (target === null) throw new Refuse(`a call of a non-procedure at ${at(pc)}`);
        const kinds = args.map((t) => {
          if (isVector(t)) return "V";
          if (!isKind(t)) throw new Refuse(`an argument Wasm cannot pass at ${at(pc)}`);
          return t;
        });
        const callee = ctx.specOf(target === SELF ? ctx.rootCode : target.code, target, kinds);
        s.calls.set(pc, callee);
        if (tail) {
          if (callee === s) s.loops.add(pc);
          else setRet(callee.ret);
          fallsThrough = false;
        } else st[A] = callee.ret ?? PENDING;
        break;
      }
      default: throw new Refuse(`${OPCODES[op].name} at ${at(pc)}`);
    }
    const next = pc + instructionLength(ins, pc);
    if (fallsThrough && next < ins.length) flow(next, st);
  }
  s.states = states;
  s.ret = ret;
}


export function show(t: AType): string {
  return t === undefined ? "?" : isKind(t) ? t : "const";
}
