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
//   "V"  an f64vector in the Wasm vector memory: three i32 locals (handle, byte address, length);
//   "S"  an s32vector, "U" a u8vector (or bytevector) there, the same way (vector-kinds.ts)
//   {c}  a value known when compiling: a procedure read from a global (the wrapper checks the
//        global still holds it), the running closure itself, a non-numeric constant
//   Lam  a closure the code makes itself (CLOSURE: a named let or `do` loop inside the
//        procedure): its code and the types of its captured values, which Wasm keeps as
//        locals (lambda lifting: a call passes them as extra parameters); a deopt frame
//        holding one makes the Closure object (deopt.ts)
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
import { VecKind, vectorKindOf, isVecKind } from "./vector-kinds.js";

export type { VecKind } from "./vector-kinds.js";
export type Kind = "I" | "F" | "B" | VecKind;
export interface Known { readonly c: Value }
/**
 * A closure made by the Wasm code (CLOSURE), one per (spec, pc): its captured values' types.
 * `selfRefs` are the captures patched to the closure itself (SETFREE: a named let's own name).
 */
export interface Lam { readonly code: Code; readonly free: AType[]; readonly selfRefs: Set<number>; readonly id: number }
export type AType = Kind | Known | Lam | undefined;
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
  /** The closure it runs as: a global's procedure, the root (SELF), or a closure the module makes. */
  readonly clo: Closure | Lam;
  readonly params: readonly Kind[];
  /**
   * The result: a kind, or a known constant every return gives (a loop run for its effects
   * returns the unspecified value); undefined while unknown (only recursive paths seen so far).
   */
  ret: "I" | "F" | "B" | Known | undefined;
  /** The state before each instruction (undefined where unreachable), from the last pass. */
  states: (State | undefined)[];
  /** Per CALL/TAILCALL pc: the spec called, the primitive, or EXIT (the interpreter makes the call). */
  readonly calls: Map<number, Spec | WasmPrim | typeof EXIT>;
  /** Per TAILCALL pc: true when it is this spec's own loop. */
  readonly loops: Set<number>;
}

/**
 * A tail call the root spec leaves Wasm for: its frame goes to the interpreter at the TAILCALL,
 * which makes the call (an enclosing loop, a free variable of the root, that Wasm cannot run).
 */
export const EXIT = Object.freeze({ exit: true });

export const isKind = (t: AType): t is Kind => typeof t === "string";
export const isNum = (t: AType): t is "I" | "F" => t === "I" || t === "F";
export const isLam = (t: AType | Closure): t is Lam => typeof t === "object" && t !== null && "selfRefs" in t;
export const known = (t: AType): t is Known => typeof t === "object" && "c" in t;
/** The vector kind of a vector value: a register of that kind, or a vector read from a global (known). */
export const vectorKind = (t: AType): VecKind | null =>
  isKind(t) ? (isVecKind(t) ? t : null) : known(t) && vectorMemory()?.holds(t.c as Float64Array) ? vectorKindOf(t.c) : null;
const sameType = (a: AType, b: AType): boolean => a === b || (known(a) && known(b) && a.c === b.c);
/** Whether a test of a value of this type is decided when compiling: true (never false), false, or null. */
export function knownTruth(t: AType): boolean | null {
  if (known(t)) return t.c !== false;
  return isLam(t) ? true : null;
}

/**
 * The captured values of a Lam that Wasm keeps, in order: the kinds of its captures, those of
 * a captured Lam in place (its own self references are the closure itself, nothing kept).
 */
export function lamSlots(l: Lam): Kind[] {
  const out: Kind[] = [];
  l.free.forEach((t, i) => {
    if (l.selfRefs.has(i)) return;
    if (isKind(t)) out.push(t); else if (isLam(t)) out.push(...lamSlots(t));
  });
  return out;
}

/** Ops the Wasm tier compiles (anything else refuses the procedure). */
export const WASM_OPS: ReadonlySet<Op> = new Set([
  Op.MOV, Op.CONST, Op.GREF, Op.FREE, Op.CLOSURE, Op.SETFREE, Op.JMP, Op.JF, Op.JT, Op.CALL, Op.TAILCALL, Op.RET,
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
  const vk = vectorKindOf(v);
  if (vk && vectorMemory()?.holds(v as Float64Array)) return vk;
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
  /** Vectors read from globals: their handles come first (the wrapper's table holds them). */
  readonly knownVectors: ArrayBufferView[];
  /** The closures the module makes (a deopt frame holding one makes its Closure). */
  readonly lams: Lam[];
}

/** Analyze the module rooted at `clo` called with arguments of kinds `params`. Throws Refuse. */
export function planModule(clo: Closure, params: Kind[]): ModulePlan {
  const specs: Spec[] = [];
  const byCode = new Map<Code, Spec[]>();
  const deps = new Map<Cell, Value>();
  const knownVectors: ArrayBufferView[] = [];
  const rootCode = clo.code;
  // A vector outside the vector memory is no constant Wasm can use: not held at all.
  const free: AType[] = clo.free.map((v) => (v === clo ? { c: SELF } : kindOfValue(v) ?? (vectorKindOf(v) ? undefined : { c: v })));
  const lams = new Map<string, Lam>();
  let lamsChanged = false;

  const specOf = (code: Code, c: Closure | Lam, kinds: Kind[]): Spec => {
    // A global holding a closure of the root code: the same procedure when it has no free variables.
    if (!isLam(c) && c !== SELF && code === rootCode && c.free.length === 0) c = SELF;
    const list = byCode.get(code) ?? [];
    if (!isLam(c) && list.some((sp) => !isLam(sp.clo) && sp.clo !== c)) throw new Refuse("one procedure reached through two closures");
    let s = list.find((sp) => sp.clo === c && sp.params.join("") === kinds.join(""));
    if (!s) {
      if (!isLam(c) && c !== SELF && c.free.length) throw new Refuse(`a call to a procedure with free variables (${code.name || "lambda"})`);
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

  /** The Lam made at (spec, pc), its captures' types brought up to date (a change means another pass). */
  const lamAt = (s: Spec, pc: number, code: Code, caps: AType[]): Lam => {
    const key = `${s.id}:${pc}`;
    let l = lams.get(key);
    if (!l) {
      l = { code, free: caps, selfRefs: new Set(), id: lams.size };
      lams.set(key, l);
      return l;
    }
    caps.forEach((t, i) => {
      if (l!.selfRefs.has(i) || sameType(l!.free[i], t)) return;
      l!.free[i] = t;
      lamsChanged = true;
    });
    return l;
  };

  const root = specOf(rootCode, SELF, params);
  for (let pass = 0; ; pass++) {
    if (pass > 50) throw new Refuse("types do not settle");
    let changed = false;
    lamsChanged = false;
    for (let i = 0; i < specs.length; i++) {
      const s = specs[i], before = s.ret, n = specs.length;
      analyzeSpec(s, { rootCode, root, clo, free, deps, specOf, lamAt, knownVectors });
      if (s.ret !== before || specs.length !== n) changed = true;
    }
    if (!changed && !lamsChanged) break;
  }
  checkLams([...lams.values()]);
  // An exit is once per entry: worth it only around a loop that runs in Wasm.
  if ([...root.calls.values()].includes(EXIT) && !rootLoops(root)) throw new Refuse("a tail call out of Wasm without a loop");
  // A spec that never returns (an endless loop) may have any result type.
  for (const s of specs) if (s.ret === undefined) s.ret = "I";
  return { root, specs, deps: [...deps], free, knownVectors, lams: [...lams.values()] };
}

/**
 * A Lam captured by another is kept as its slots (lamSlots): that needs the captures to form a
 * tree apart from self references (a letrec of two procedures referring to each other is not).
 */
function checkLams(lams: Lam[]): void {
  const visit = (l: Lam, path: Lam[]): void => {
    if (path.includes(l)) throw new Refuse("local procedures referring to each other");
    l.free.forEach((t, i) => { if (isLam(t) && !l.selfRefs.has(i)) visit(t, [...path, l]); });
  };
  for (const l of lams) visit(l, []);
}

interface Ctx {
  readonly rootCode: Code;
  readonly root: Spec;
  readonly clo: Closure;
  readonly free: AType[];
  readonly deps: Map<Cell, Value>;
  readonly specOf: (code: Code, c: Closure | Lam, kinds: Kind[]) => Spec;
  readonly lamAt: (s: Spec, pc: number, code: Code, caps: AType[]) => Lam;
  readonly knownVectors: ArrayBufferView[];
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
    if (isKind(t) && isVecKind(t)) throw new Refuse("a vector result");
    // (A named let returning its own name: the closure itself, which Wasm code does not hold.)
    if (isLam(t) || (known(t) && t.c === SELF)) throw new Refuse("a procedure result");
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
        const vec = vectorKindOf(v) !== null && vectorMemory()?.holds(v as Float64Array) === true;
        const scalar = typeof v === "number" || v instanceof Flonum || typeof v === "boolean";
        if (!(v instanceof Closure || v instanceof Primitive || vec || scalar)) throw new Refuse(`global ${cell.name.name} is not a procedure, number or vector in the vector memory`);
        if (vec && !ctx.knownVectors.includes(v as ArrayBufferView)) ctx.knownVectors.push(v as ArrayBufferView);
        // The wrapper checks at each entry that the global still holds this value.
        ctx.deps.set(cell, v);
        st[A] = scalar ? constType(v) : { c: v };
        break;
      }
      case Op.FREE: {
        const t = freeType(B);
        if (t === undefined) throw new Refuse("a free variable Wasm cannot hold");
        st[A] = t;
        break;
      }
      case Op.CLOSURE: {
        const n = ins[pc + 3];
        const caps: AType[] = [];
        for (let i = 0; i < n; i++) { const w = ins[pc + 4 + i]; caps.push(w & 1 ? freeType(w >> 1) : st[w >> 1]); }
        // A capture Wasm does not know could be read by the closure once in the interpreter.
        if (caps.includes(undefined)) throw new Refuse(`a closure capturing a value Wasm cannot hold at ${at(pc)}`);
        st[A] = caps.includes(PENDING) ? PENDING : ctx.lamAt(s, pc, k[B] as Code, caps);
        break;
      }
      case Op.SETFREE: {
        // Only the letrec fix-up of a named let: the closure's own name inside it.
        const l = st[A];
        if (l === PENDING) break;
        if (!isLam(l) || st[C] !== l) throw new Refuse(`a letrec of local procedures at ${at(pc)}`);
        l.free[B] = l;
        l.selfRefs.add(B);
        break;
      }
      case Op.JMP: flow(A, st); fallsThrough = false; break;
      case Op.JF: case Op.JT: {
        const t = st[A], truth = t === PENDING ? null : knownTruth(t);
        if (t === "B" || t === PENDING) flow(B, st);
        else if (truth !== null) { if (truth === (op === Op.JT)) { flow(B, st); fallsThrough = false; } }
        else if (t === undefined) throw new Refuse(`a test of an unknown value at ${at(pc)}`);
        else if (op === Op.JT) { flow(B, st); fallsThrough = false; }  // a number or vector: true
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
        st[A] = t === "B" || t === PENDING ? "B" : { c: knownTruth(t) === false };
        break;
      }
      case Op.RET: setRet(st[A]); fallsThrough = false; break;
      case Op.CALL: case Op.TAILCALL: {
        const n = B, f = st[A];
        const args = Array.from({ length: n }, (_, i) => st[A + 5 + i]);
        if (!known(f) && !isLam(f)) throw new Refuse(`a call of an unknown procedure at ${at(pc)}`);
        const tail = op === Op.TAILCALL;
        if (args.includes(PENDING) || f === PENDING) {
          // Depends on a result not known yet: decided in a later pass.
          if (tail) fallsThrough = false; else st[A] = PENDING;
          break;
        }
        if (known(f) && f.c instanceof Primitive) {
          const p = WASM_PRIMITIVES.get(f.c.name);
          if (!p || p.arity !== n) throw new Refuse(`a call of ${f.c.name} at ${at(pc)}`);
          const r = p.type(args);
          if (r === null) throw new Refuse(`${f.c.name} on (${args.map(show).join(" ")}) at ${at(pc)}`);
          s.calls.set(pc, p);
          if (tail) { setRet(r); fallsThrough = false; } else st[A] = r;
          break;
        }
        const target = isLam(f) ? f : f.c === SELF ? SELF : f.c instanceof Closure ? f.c : null;
        if (target === null) throw new Refuse(`a call of a non-procedure at ${at(pc)}`);
        if (tail && s === ctx.root && !isLam(target) && target !== SELF && target.free.length && ctx.clo.free.includes(target)) {
          // The root loop's exit into an enclosing loop (a free variable): the interpreter makes it.
          s.calls.set(pc, EXIT);
          fallsThrough = false;
          break;
        }
        const kinds = args.map((t) => {
          const vk = vectorKind(t);
          if (vk) return vk;
          if (!isKind(t)) throw new Refuse(`an argument Wasm cannot pass at ${at(pc)}`);
          return t;
        });
        const callee = ctx.specOf(isLam(target) ? target.code : target === SELF ? ctx.rootCode : target.code, target, kinds);
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

  function freeType(i: number): AType {
    if (isLam(s.clo)) return s.clo.free[i];
    if (s.clo !== SELF) throw new Refuse("a free variable of a global's procedure");
    return ctx.free[i];
  }
}

/** Whether the root procedure loops (a self tail call to its own code). */
function rootLoops(s: Spec): boolean {
  const ins = s.code.code;
  for (let pc = 0; pc < ins.length; pc += instructionLength(ins, pc)) {
    if (ins[pc] === Op.TAILCALL && s.calls.get(pc) === s) return true;
  }
  return false;
}


export function show(t: AType): string {
  return t === undefined ? "?" : isKind(t) ? t : isLam(t) ? "closure" : "const";
}
