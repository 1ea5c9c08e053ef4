// Unboxed flonums: inside one compiled procedure, registers that hold inexact reals are kept as
// raw JS doubles in locals of their own (`d3` beside `r3`), so a flonum loop such as
//
//   (let loop ((zr 0.) (zi 0.) (i 0)) ... (loop (+ (- (* zr zr) (* zi zi)) cr) ...))
//
// runs on doubles that V8 keeps in machine registers: no Flonum box, no heap number per
// intermediate result. Exactness is the one thing a raw double loses (an integral JS number is
// an exact integer in Kiln), so a double is only ever *known* inexact: it comes from an inexact
// constant, from a parameter checked at entry, or from + - * with a known-inexact operand.
//
// States of a register, at each instruction (a forward pass; jumps only go forward):
//   T   rN holds the value (dN is stale)
//   D   dN holds the value, which is inexact; rN is HOLE or the same value tagged
//   DS  both hold it
//   M   a join of T and D: rN holds it unless rN === HOLE, then dN does
// Invariant at run time, whatever the static state: rN === HOLE means dN holds the value. So a
// frame reified anywhere takes `rN === HOLE ? FLO(dN) : rN` for each register that is ever
// unboxed (a call's signal spills that expression; an exit's record keeps rN and dN, and
// NativeRuntime.unwound boxes), and the interpreter sees ordinary values.
//
// Speculation (feedback.ts): an ADD/SUB/MUL site whose slow path saw only flonums converts a
// tagged operand with a guard (a non-inexact value deoptimizes there, FB_UNBOX_FAILED, and the
// site keeps its values tagged afterwards). Parameters of a self-tail-calling procedure are unboxed when every self tail call
// passes them a known-inexact value; they are checked once at entry (a loop's later iterations
// assign the doubles directly). A parameter that fails its entry check is remembered
// (paramFailures) and stays tagged from then on: no deoptimization loops.

import { Code } from "../bytecode/code.js";
import { Op, OPCODES, instructionLength } from "../bytecode/opcodes.js";
import { NO_WRITE } from "../bytecode/flow.js";
import { Flonum, Primitive } from "../runtime/values.js";
import { FB_UNBOX_FAILED, unboxKind } from "./feedback.js";
import { Exits, FunctionExits, exitsFor } from "./exits.js";

const T = 0, D = 1, DS = 2, M = 3;
type St = typeof T | typeof D | typeof DS | typeof M;

function meet(a: St, b: St): St {
  if (a === b) return a;
  if ((a === D && b === DS) || (a === DS && b === D)) return D;
  if ((a === T && b === DS) || (a === DS && b === T)) return T;
  return M;
}

/** Parameters whose entry check failed, per Code (bit i: parameter i stays tagged). */
const failures = new WeakMap<Code, number>();

/** The parameter whose entry check failed last, for the deoptimization's log line. */
let lastFailure: { code: Code; param: number } | null = null;

/** Called by generated code when parameter `i` of `code` was not an inexact real at entry. */
export function paramFailed(code: Code, i: number): void {
  failures.set(code, (failures.get(code) ?? 0) | (1 << Math.min(i, 30)));
  lastFailure = { code, param: i };
}

/** The parameter of `code` whose entry check just failed (once), or -1. */
export function takeParamFailure(code: Code): number {
  const f = lastFailure;
  lastFailure = null;
  return f !== null && f.code === code ? f.param : -1;
}

/** The failed parameters of `code` as a bit set (for --jit-debug and the disassembler). */
export function paramFailures(code: Code): number { return failures.get(code) ?? 0; }

const ARITH: Partial<Record<Op, string>> = { [Op.ADD]: "+", [Op.SUB]: "-", [Op.MUL]: "*" };
const COMPARE: Partial<Record<Op, string>> = { [Op.NUMEQ]: "===", [Op.LT]: "<", [Op.LE]: "<=", [Op.GT]: ">", [Op.GE]: ">=" };
/** Registers an instruction reads, and the one it writes (or -1). */
function effects(ins: Uint32Array, pc: number): { reads: number[]; write: number } {
  const op = ins[pc] as Op, info = OPCODES[op];
  const reads: number[] = [];
  let write = -1, p = pc + 1, first = true;
  for (const kind of info.operands) {
    if (kind === "reg") {
      if (first && !NO_WRITE.has(op)) { write = ins[p]; if (op === Op.BOX) reads.push(ins[p]); } else reads.push(ins[p]);
      first = false;
    } else if (kind === "regs") {
      for (let i = 0; i < ins[p]; i++) reads.push(ins[p + 1 + i]);
    } else if (kind === "captures") {
      for (let i = 0; i < ins[p]; i++) { const w = ins[p + 1 + i]; if (!(w & 1)) reads.push(w >> 1); }
    }
    p += kind === "captures" || kind === "regs" ? 1 + ins[p] : 1;
  }
  if (op === Op.CALL || op === Op.TAILCALL) for (let i = 0; i < ins[pc + 2]; i++) reads.push(ins[pc + 1] + 5 + i);
  return { reads, write };
}

/** A number as a JS literal we format ourselves (finite numbers only), else null. */
function numLiteral(v: unknown): string | null {
  const x = v instanceof Flonum ? v.v : v;
  if (typeof x !== "number" || !Number.isFinite(x)) return null;
  return Object.is(x, -0) ? "-0" : String(x);
}

/** The constant at index i if it is an inexact real: its double as a literal. */
function inexactConst(code: Code, i: number): string | null {
  const v = code.consts[i];
  if (v instanceof Flonum || (typeof v === "number" && !Number.isInteger(v))) return numLiteral(v);
  return null;
}

/**
 * Primitives computed on doubles when the global still holds them (a guard on the callee;
 * redefining the global deoptimizes there once, then the call stays a call). `arg`: how a
 * tagged argument is taken ("any" real as its double, "inexact" only, or "none": only an
 * argument already unboxed); `ok`: a condition on the doubles, else the interpreter does it
 * (a negative sqrt is complex, an exact zero divisor is an error).
 */
const FLO_PRIMS: Readonly<Record<string, { n: number; arg: "any" | "inexact" | "none"; expr: (x: string, y: string) => string; ok?: (x: string, y: string) => string }>> = {
  sqrt: { n: 1, arg: "inexact", expr: (x) => `Math.sqrt(${x})`, ok: (x) => `!(${x} < 0)` },
  abs: { n: 1, arg: "none", expr: (x) => `Math.abs(${x})` },
  sin: { n: 1, arg: "any", expr: (x) => `Math.sin(${x})` },
  cos: { n: 1, arg: "any", expr: (x) => `Math.cos(${x})` },
  exp: { n: 1, arg: "any", expr: (x) => `Math.exp(${x})` },
  atan: { n: 1, arg: "any", expr: (x) => `Math.atan(${x})` },
  inexact: { n: 1, arg: "any", expr: (x) => x },
  "exact->inexact": { n: 1, arg: "any", expr: (x) => x },
  "/": { n: 2, arg: "none", expr: (x, y) => `${x} / ${y}` },
};

/**
 * f64vector access on doubles (SRFI 160): `%f64vector-ref` yields the element unboxed, and
 * `%f64vector-set!` stores a double, when the callee is still the primitive and the vector and
 * index are valid; anything else deoptimizes there and the call is made (the error, the
 * conversion). Elements of an f64vector are inexact, so an element is a known-inexact double.
 */
const VECTOR_PRIMS: Readonly<Record<string, number>> = { "%f64vector-ref": 2, "%f64vector-set!": 3 };

function vectorPrim(cell: unknown): Primitive | null {
  const v = (cell as { value?: unknown } | null)?.value;
  return v instanceof Primitive && Object.prototype.hasOwnProperty.call(VECTOR_PRIMS, v.name) ? v : null;
}

/** The FLO_PRIMS entry of a global cell's current value, if it is one of those primitives. */
function floPrim(cell: unknown): (typeof FLO_PRIMS)[string] | null {
  const v = (cell as { value?: unknown } | null)?.value;
  return v instanceof Primitive && Object.prototype.hasOwnProperty.call(FLO_PRIMS, v.name) ? FLO_PRIMS[v.name] : null;
}

export interface UnboxPlan {
  /** Locals to declare (`d3 = 0`, ...). */
  readonly decls: string[];
  /** Statements at function entry, before the loop: the unboxed parameters' checks. */
  readonly entry: string;
  /** The registers of a reified frame, with unboxed ones boxed again. */
  readonly allRegs: string;
  /** The procedure's exits, which keep those registers' doubles (exits.ts). */
  readonly exits: FunctionExits;
  /** Statements before an instruction (boxing registers it reads as values). */
  readonly prefix: Map<number, string>;
  /** Code replacing an instruction's usual emission. */
  readonly replace: Map<number, string>;
  /** Self tail calls: the parameter assignments of the loop's next iteration. */
  readonly selfAssign: Map<number, string>;
  /** Self tail calls: the arguments as values (for the paths that leave the loop). */
  readonly tailArgs: Map<number, string[]>;
}

/**
 * Plan the unboxing of `code` (its entry function only; resume entries stay tagged), or null
 * when nothing in it would be unboxed. `extra` names a value in the X array.
 */
export function planUnboxing(code: Code, extra: (v: unknown) => string): UnboxPlan | null {
  const ins = code.code, fb = code.feedback;
  let any = false;
  for (let pc = 0; pc < ins.length; pc += instructionLength(ins, pc)) {
    const op = ins[pc] as Op;
    if ((ARITH[op] && unboxKind(fb[pc])) || (op === Op.CONST && inexactConst(code, ins[pc + 2]) !== null) ||
      (op === Op.GREF && (floPrim(code.consts[ins[pc + 2]]) || vectorPrim(code.consts[ins[pc + 2]])))) { any = true; break; }
  }
  if (!any) return null;
  const failed = paramFailures(code);
  const nparams = code.rest ? 0 : code.nreq;
  // Parameters passed known-inexact values by every self tail call, narrowed to a fixpoint.
  let params = new Set<number>();
  let pass = run(code, params, extra, PLANNING);
  for (let i = 0; i < nparams && i < 31; i++) if (!(failed & (1 << i)) && pass.selfArgsD.every((d) => d[i])) params.add(i);
  if (pass.selfArgsD.length === 0) params.clear();
  for (let round = 0; round <= nparams && params.size; round++) {
    pass = run(code, params, extra, PLANNING);
    const keep = new Set([...params].filter((i) => pass.selfArgsD.every((d) => d[i])));
    if (keep.size === params.size) break;
    params = keep;
    if (!params.size) pass = run(code, params, extra, PLANNING);
  }
  if (pass.unboxed.size === 0) return null;
  // Once more with the exits, which box what this plan unboxes (the same pass: it depends on params only).
  const exits = exitsFor(code, pass.unboxed);
  pass = run(code, params, extra, exits);
  const name = extra(paramFailed);
  const entry = [...params].sort((a, b) => a - b).map((i) =>
    `if (typeof r${i} === "number" && !Number.isInteger(r${i})) d${i} = r${i}; else if (r${i} instanceof Flonum) d${i} = r${i}.v; ` +
    `else { ${name}(CODE, ${i}); ${exits.fault(0, "DEOPT")} }`).join(" ");
  const regs = Array.from({ length: code.frameSize }, (_, i) => pass.unboxed.has(i) ? `(r${i} === HOLE ? FLO(d${i}) : r${i})` : `r${i}`);
  const decls = [...pass.unboxed].sort((a, b) => a - b).map((i) => `d${i} = 0`).concat("da = 0", "db = 0");
  return { decls, entry, allRegs: regs.join(", "), exits, prefix: pass.prefix, replace: pass.replace, selfAssign: pass.selfAssign, tailArgs: pass.tailArgs };
}

interface Pass {
  unboxed: Set<number>;
  selfArgsD: boolean[][];
  prefix: Map<number, string>;
  replace: Map<number, string>;
  selfAssign: Map<number, string>;
  tailArgs: Map<number, string[]>;
}

/** The exits of the passes that only find the plan (their text is dropped). */
const PLANNING: Exits = { fault: () => "", guard: (_, stmt) => stmt };

function run(code: Code, params: ReadonlySet<number>, extra: (v: unknown) => string, exits: Exits): Pass {
  const ins = code.code, fb = code.feedback, n = code.frameSize;
  const out: Pass = { unboxed: new Set(params), selfArgsD: [], prefix: new Map(), replace: new Map(), selfAssign: new Map(), tailArgs: new Map() };
  const pending = new Map<number, St[]>();
  let st: St[] | null = Array.from({ length: n }, (_, i) => (params.has(i) ? D : T) as St);
  const join = (target: number, s: St[]): void => {
    const p = pending.get(target);
    pending.set(target, p ? p.map((x, i) => meet(x, s[i])) : [...s]);
  };
  const isD = (s: St): boolean => s === D || s === DS;
  /** A register as a value (expression; boxes an unboxed double, allocating only if it is integral). */
  const val = (s: St[], i: number): string =>
    s[i] === D ? `FLO(d${i})` : s[i] === M ? `(r${i} === HOLE ? FLO(d${i}) : r${i})` : `r${i}`;
  /** Statements putting register i's double in `tmp` (guarded); strict: it must be inexact. */
  const toDouble = (s: St[], i: number, tmp: string, pc: number, strict: boolean): string => {
    // One shared helper per kind (NativeRuntime.unboxInexact/unboxNumber), not the test
    // inline: V8 inlines it with its own type feedback, which every site of every procedure
    // warms. Inline, a site that saw only boxed flonums during warm-up (1.0, -1.0: integral
    // values) met its first raw double in optimized code, with no feedback for that branch,
    // and deoptimized it (fft's butterfly loop was optimized five times).
    const conv = `{ ${exits.guard(pc, `${tmp} = ${strict ? "UI" : "UN"}(r${i});`)} }`;
    return s[i] === M ? `if (r${i} === HOLE) ${tmp} = d${i}; else ${conv}` : conv;
  };
  /**
   * Register i as a double: [statements, expression]. A tagged register checked to be inexact
   * keeps its double in dN (state DS), so later uses in the same block need no check.
   */
  const operand = (s: St[], i: number, tmp: string, pc: number, strict: boolean): [string, string] => {
    if (isD(s[i])) return ["", `d${i}`];
    if (strict && s[i] === T) {
      const pre = toDouble(s, i, `d${i}`, pc, true) + " ";
      s[i] = DS; out.unboxed.add(i);
      return [pre, `d${i}`];
    }
    return [toDouble(s, i, tmp, pc, strict) + " ", tmp];
  };
  /** Both operands of a binary site as doubles: [statements, x, y]. */
  const operands = (s: St[], b: number, c: number, pc: number, strict: boolean): [string, string, string] => {
    const [p1, x] = operand(s, b, "da", pc, strict);
    if (b === c) return [p1, x, x];
    const [p2, y] = operand(s, c, "db", pc, strict);
    return [p1 + p2, x, y];
  };
  /** A CALL of a FLO_PRIMS primitive on doubles (callee guarded), or null. */
  const floCall = (s: St[], pc: number, cell: { value: unknown }): string | null => {
    const spec = floPrim(cell), a = ins[pc + 1], n = ins[pc + 2];
    if (!spec || spec.n !== n) return null;
    const argRegs = Array.from({ length: n }, (_, i) => a + 5 + i);
    if (spec.arg === "none" && !argRegs.some((i) => isD(s[i]))) return null;
    const fail = `{ ${exits.fault(pc, "UF")} }`;
    let pre = `if (r${a} !== ${extra(cell.value)}) ${fail} `;
    // An exact zero divisor is an error, not an infinity.
    const zeroCheck = n === 2 && !isD(s[argRegs[1]]);
    const xs = argRegs.map((i, k) => {
      const [p, x] = operand(s, i, k ? "db" : "da", pc, spec.arg === "inexact");
      pre += p;
      return x;
    });
    if (zeroCheck) pre += `if (${xs[1]} === 0) ${fail} `;
    if (spec.ok) pre += `if (!(${spec.ok(xs[0], xs[1])})) ${fail} `;
    return `${pre}d${a} = ${spec.expr(xs[0], xs[1])}; r${a} = HOLE;`;
  };
  /** A CALL of %f64vector-ref or %f64vector-set! on doubles (callee, vector and index guarded), or null. */
  const vectorCall = (s: St[], pc: number, cell: { value: unknown }): string | null => {
    const prim = vectorPrim(cell), a = ins[pc + 1], n = ins[pc + 2];
    if (!prim || VECTOR_PRIMS[prim.name] !== n) return null;
    const fail = `{ ${exits.fault(pc, "UF")} }`;
    const F64 = extra(Float64Array);
    const pre = `if (r${a} !== ${extra(prim)}) ${fail} a = r${a + 5}; b = r${a + 6}; ` +
      `if (!(a instanceof ${F64} && a.constructor === ${F64} && typeof b === "number" && (b >>> 0) === b && b < a.length)) ${fail} `;
    if (n === 2) return `${pre}d${a} = a[b]; r${a} = HOLE;`;
    const [p, x] = operand(s, a + 7, "da", pc, false);
    return `${pre}${p}a[b] = ${x}; r${a} = UNSPECIFIED;`;
  };
  const writeD = (s: St[], a: number): void => { s[a] = D; out.unboxed.add(a); };
  const gref = new Map<number, number>();
  for (let pc = 0; pc < ins.length; pc += instructionLength(ins, pc)) {
    const op = ins[pc] as Op;
    const incoming = pending.get(pc);
    if (incoming) { st = st ? st.map((x, i) => meet(x, incoming[i])) : incoming; pending.delete(pc); gref.clear(); }
    if (!st) continue; // unreachable
    if (op === Op.CALL && gref.has(ins[pc + 1]) && !(fb[pc] & FB_UNBOX_FAILED)) {
      const cell = code.consts[gref.get(ins[pc + 1])!] as { value: unknown };
      const own = floCall(st, pc, cell);
      if (own !== null) { out.replace.set(pc, own); writeD(st, ins[pc + 1]); continue; }
      const access = vectorCall(st, pc, cell);
      if (access !== null) {
        out.replace.set(pc, access);
        if (ins[pc + 2] === 2) writeD(st, ins[pc + 1]); else st[ins[pc + 1]] = T;
        continue;
      }
    }
    if (op === Op.GREF) gref.set(ins[pc + 1], ins[pc + 2]);
    else gref.delete(ins[pc + 1]);
    const s = st;
    const I = (k: number): number => ins[pc + k];
    if (op === Op.CONST) {
      const lit = inexactConst(code, I(2));
      if (lit !== null) {
        out.replace.set(pc, `r${I(1)} = k${I(2)}; d${I(1)} = ${lit};`);
        s[I(1)] = DS; out.unboxed.add(I(1));
        continue;
      }
    }
    if (op === Op.MOV && s[I(2)] !== T) {
      const a = I(1), b = I(2);
      out.replace.set(pc, s[b] === D ? `d${a} = d${b}; r${a} = HOLE;` : `r${a} = r${b}; d${a} = d${b};`);
      s[a] = s[b]; out.unboxed.add(a);
      continue;
    }
    const aop = ARITH[op];
    if (aop) {
      const a = I(1), b = I(2), c = I(3), kind = unboxKind(fb[pc]);
      if (kind === 2 || (kind === 1 && (isD(s[b]) || isD(s[c])))) {
        const strict = kind === 2;
        const [pre, x, y] = operands(s, b, c, pc, strict);
        out.replace.set(pc, `${pre}d${a} = ${x} ${aop} ${y}; r${a} = HOLE;`);
        writeD(s, a);
        continue;
      }
    }
    const cop = COMPARE[op];
    if (cop && !(fb[pc] & FB_UNBOX_FAILED) && (isD(s[I(2)]) || isD(s[I(3)]))) {
      const a = I(1), b = I(2), c = I(3);
      const [pre, x, y] = operands(s, b, c, pc, false);
      out.replace.set(pc, `${pre}r${a} = ${x} ${cop} ${y};`);
      s[a] = T;
      continue;
    }
    if (op === Op.ZEROP && isD(s[I(2)])) {
      out.replace.set(pc, `r${I(1)} = d${I(2)} === 0;`);
      s[I(1)] = T;
      continue;
    }
    if (op === Op.TAILCALL) {
      const a = I(1), nargs = I(2);
      const argRegs = Array.from({ length: nargs }, (_, i) => a + 5 + i);
      if (s[a] !== T) out.prefix.set(pc, boxStatement(s, a));
      out.tailArgs.set(pc, argRegs.map((i) => val(s, i)));
      if (!code.rest && nargs === code.nreq) {
        out.selfArgsD.push(argRegs.map((i) => isD(s[i])));
        out.selfAssign.set(pc, argRegs.map((reg, i) =>
          params.has(i) ? `d${i} = d${reg}; r${i} = HOLE;` : `r${i} = ${val(s, reg)};`).join(" "));
      }
      st = null;
      continue;
    }
    // Any other instruction: box the registers it reads as values, then it writes a tagged value.
    const { reads, write } = effects(ins, pc);
    const pre = [...new Set(reads)].filter((i) => s[i] === D || s[i] === M).map((i) => boxStatement(s, i)).join(" ");
    if (pre) out.prefix.set(pc, pre);
    if (write >= 0) s[write] = T;
    if (op === Op.JMP) { join(I(1), s); st = null; }
    else if (op === Op.JF || op === Op.JT) join(I(2), s);
    else if (op === Op.RET) st = null;
  }
  return out;
}

/** Make register i hold its value tagged (after this its state is DS, or T from M). */
function boxStatement(s: St[], i: number): string {
  if (s[i] === D) { s[i] = DS; return `r${i} = FLO(d${i});`; }
  if (s[i] === M) { s[i] = T; return `if (r${i} === HOLE) r${i} = FLO(d${i});`; }
  return "";
}
