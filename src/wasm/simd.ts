// Element-wise f64vector loops in Wasm SIMD (f64x2): the recognizer of the loop shape, and the
// code that runs the loop two elements at a time before the scalar loop.
//
// The shape, found by running one iteration of a looping spec symbolically from its entry:
//
//   (let loop ((i i0) ...)              ; a parameter i, the index: the self tail call passes
//     (if (< i n)                       ;   i + 1 and every other parameter unchanged
//         (begin (f64vector-set! dst i EXPR) (loop (+ i 1) ...))
//         ...))                         ; the exit: anything (the scalar loop runs it)
//
// The test before the body compares i with a loop-invariant fixnum n (a constant, a parameter
// passed unchanged, a free variable, a global, or a vector's length): the loop continues while
// i < n, i <= n or i != n (a `do` loop's `(= i n)` exit). The body is straight-line: one
// `f64vector-set!` of an invariant f64vector at i, of EXPR built from `f64vector-ref` of
// invariant f64vectors at i, invariant numbers (a fixnum is converted, as the scalar code
// does), + - * and `/`, unary -, abs, sqrt, square, floor, ceiling, truncate, round, inexact.
// Each of these is exact IEEE arithmetic lane by lane, so every element gets the bits the
// scalar loop gives it (NaN, -0.0, infinities included). Reductions (a sum over i) are not
// this shape: their additions would be reordered.
//
// What runs (SpecEmitter.emitBody, before the function's loop): the number of iterations the
// test allows, limited by the length of every vector read or written; then pairs (i, i+1)
// while both are below that limit: the loads of the pair, EXPR on f64x2 values, one v128
// store, i += 2. Then the scalar loop runs as before from the i reached: the odd last element,
// the exit, and, when a vector is too short, the iteration that raises the error, with the
// same state the scalar loop alone would have had. So the SIMD loop never fails: where the
// scalar code would leave Wasm (sqrt of a negative lane: the result is complex; a fixnum
// divisor 0) the pair is not done and the scalar loop takes over at it.
//
// Why pairs are exact: iteration i reads and writes only element i of each vector. The scalar
// order is (read i, write i, read i+1, write i+1); the pair does (read i, read i+1, write i,
// write i+1). They differ only when the write of element i changes a read of element i+1: a
// source vector starting 8 bytes before the destination (a view into the same memory). The
// vector memory's blocks are 16-byte aligned and disjoint, but the check costs nothing: such a
// pair of vectors runs the scalar loop. dst = src (the same vector) is fine: element i is read
// before it is written, in both orders.
//
// Interrupts: the pair loop decrements the fuel by 2 per pair and polls as the scalar loop
// does; to leave (Ctrl-C, a budget), the frame leaves Wasm at pc 0 with i as reached, the
// state of the scalar loop at that iteration.

import { Code } from "../bytecode/code.js";
import { Op, OPCODES, instructionLength } from "../bytecode/opcodes.js";
import { Cell } from "../expander/environment.js";
import { Flonum, Value } from "../runtime/values.js";
import { FunctionBuilder } from "./module-builder.js";
import { Kind, Spec } from "./analyze.js";
import { WasmPrim } from "./primitives.js";
import { vectorMemory } from "./vector-memory.js";

/** An invariant value: a parameter passed unchanged, a free variable, a constant, a global's vector, a vector's length. */
export type Leaf =
  | { readonly t: "param"; readonly r: number; readonly k: Kind }
  | { readonly t: "free"; readonly i: number; readonly k: Kind }
  | { readonly t: "num"; readonly v: number; readonly k: "I" | "F" }
  | { readonly t: "kvec"; readonly v: ArrayBufferView & { readonly length: number } }
  | { readonly t: "len"; readonly vec: Leaf };

export type UnOp = "neg" | "abs" | "sqrt" | "floor" | "ceil" | "trunc" | "nearest" | "float";
export type BinOp = "add" | "sub" | "mul" | "div";

/** The stored value: a tree over the loads at i and invariant numbers. */
export type Expr =
  | { readonly t: "leaf"; readonly leaf: Leaf }
  | { readonly t: "load"; readonly vec: Leaf }
  | { readonly t: "bin"; readonly op: BinOp; readonly a: Expr; readonly b: Expr }
  | { readonly t: "un"; readonly op: UnOp; readonly a: Expr };

export interface ElementwiseLoop {
  /** The register (a parameter) of the index. */
  readonly index: number;
  /** Continue while i < bound, i <= bound, i != bound. */
  readonly cmp: "lt" | "le" | "ne";
  readonly bound: Leaf;
  readonly dst: Leaf;
  readonly value: Expr;
  /** Every vector read, by key (their lengths limit the pairs). */
  readonly sources: Map<string, Leaf>;
  /** Fixnum divisors: the pairs run only when they are not 0. */
  readonly nonzero: Map<string, Leaf>;
}

/** What the symbolic run keeps in a register. */
type Sym =
  | { readonly t: "idx" } | { readonly t: "inc" }
  | { readonly t: "vec"; readonly leaf: Leaf }
  | Expr
  | { readonly t: "cmp"; readonly op: Op; readonly a: Sym; readonly b: Sym; readonly neg: boolean }
  | { readonly t: "other" };

const OTHER: Sym = { t: "other" };
const IDX: Sym = { t: "idx" };
const INC: Sym = { t: "inc" };

class NotShape extends Error {}
const no = (why: string): never => { throw new NotShape(why); };

/** A stable key of a leaf (the same parameter, free variable or vector read twice is one value). */
export function leafKey(l: Leaf): string {
  switch (l.t) {
    case "param": return `p${l.r}`;
    case "free": return `f${l.i}`;
    case "num": return `n${l.k}${Object.is(l.v, -0) ? "-0" : l.v}`;
    case "kvec": return `k${l.v.byteOffset}:${l.v.length}`;
    case "len": return `l${leafKey(l.vec)}`;
  }
}

/** The kind of an expression: a fixnum leaf is "I" (converted where it meets a flonum), else "F". */
const exprKind = (e: Expr): "I" | "F" =>
  e.t !== "leaf" ? "F" : e.leaf.t === "num" ? e.leaf.k : e.leaf.t === "param" || e.leaf.t === "free" ? (e.leaf.k as "I" | "F") : "I";
const isExpr = (s: Sym): s is Expr => s.t === "leaf" || s.t === "load" || s.t === "bin" || s.t === "un";

/** The element-wise loop of spec `s`, or null (with the reason, for --jit-debug) when it is not that shape. */
export function elementwiseLoop(s: Spec): ElementwiseLoop | { readonly why: string } {
  if (s.loops.size !== 1) return { why: "no single self loop" };
  let last: string | null = null;
  for (let index = 0; index < s.params.length; index++) {
    if (s.params[index] !== "I") continue;
    try { return recognize(s, index); } catch (e) {
      if (!(e instanceof NotShape)) throw e;
      last = e.message;
    }
  }
  return { why: last ?? "no fixnum parameter" };
}

function recognize(s: Spec, index: number): ElementwiseLoop {
  const code: Code = s.code, ins = code.code, k = code.consts;
  const init: Sym[] = s.params.map((kind, r): Sym => {
    if (r === index) return IDX;
    if (kind === "V") return { t: "vec", leaf: { t: "param", r, k: kind } };
    if (kind === "I" || kind === "F") return { t: "leaf", leaf: { t: "param", r, k: kind } };
    return { t: "other" };
  });
  const regs: Sym[] = new Array(code.frameSize).fill(OTHER);
  init.forEach((x, r) => { regs[r] = x; });
  const sources = new Map<string, Leaf>(), nonzero = new Map<string, Leaf>();
  let test: Extract<Sym, { t: "cmp" }> | null = null;
  let store: { dst: Leaf; value: Expr } | null = null;

  const num = (x: Sym): Expr => (isExpr(x) ? x : no("a value that is not an invariant number or a load at i"));
  const flo = (e: Expr): Expr => (exprKind(e) === "F" ? e : no("fixnum arithmetic"));
  const vec = (x: Sym): Leaf => (x.t === "vec" ? x.leaf : no("a vector that is not invariant"));
  const numLeaf = (v: Value): Sym =>
    typeof v === "number" ? { t: "leaf", leaf: { t: "num", v, k: Number.isInteger(v) ? "I" : "F" } }
      : v instanceof Flonum ? { t: "leaf", leaf: { t: "num", v: v.v, k: "F" } } : OTHER;

  return walk(0);

  /**
   * Run the instructions from pc: up to the test, then (trying each side of it) the body up to
   * the loop's tail call. Throws NotShape for anything else.
   */
  function walk(pc: number): ElementwiseLoop {
    for (let steps = 0; steps < 10_000; steps++) {
      if (!s.states[pc]) no("an unreachable instruction");
      const op = ins[pc] as Op, A = ins[pc + 1], B = ins[pc + 2], C = ins[pc + 3];
      const next = pc + instructionLength(ins, pc);
      switch (op) {
        case Op.MOV: regs[A] = regs[B]; break;
        case Op.CONST: regs[A] = numLeaf(k[B]); break;
        case Op.GREF: {
          const v = (k[B] as Cell).value;
          const isVec = v instanceof Float64Array && v.constructor === Float64Array && vectorMemory()?.holds(v) === true;
          regs[A] = isVec ? { t: "vec", leaf: { t: "kvec", v } } : numLeaf(v);
          break;
        }
        case Op.FREE: {
          const t = s.states[next]?.[A];
          regs[A] = t === "V" ? { t: "vec", leaf: { t: "free", i: B, k: t } }
            : t === "I" || t === "F" ? { t: "leaf", leaf: { t: "free", i: B, k: t } } : OTHER;
          break;
        }
        case Op.ADD: case Op.SUB: case Op.MUL: {
          const a = regs[B], b = regs[C];
          const one = (x: Sym): boolean => x.t === "leaf" && x.leaf.t === "num" && x.leaf.k === "I" && x.leaf.v === 1;
          if (op === Op.ADD && ((a === IDX && one(b)) || (b === IDX && one(a)))) { regs[A] = INC; break; }
          // Fixnum arithmetic has a range guard: not in the shape.
          if (exprKind(num(a)) === "I" && exprKind(num(b)) === "I") no("fixnum arithmetic");
          regs[A] = { t: "bin", op: op === Op.ADD ? "add" : op === Op.SUB ? "sub" : "mul", a: num(a), b: num(b) };
          break;
        }
        case Op.NUMEQ: case Op.LT: case Op.LE: case Op.GT: case Op.GE:
          if (test) no("a comparison in the body");
          regs[A] = { t: "cmp", op, a: regs[B], b: regs[C], neg: false };
          break;
        case Op.NOT: {
          const x = regs[B];
          regs[A] = x.t === "cmp" ? { ...x, neg: !x.neg } : no("not of a non-comparison");
          break;
        }
        case Op.JMP: pc = A; continue;
        case Op.JF: case Op.JT: {
          const x = regs[A];
          if (test || x.t !== "cmp") return no("a branch in the body");
          // The body is the side that reaches the loop's tail call: the fall-through, else the target.
          const saved = [...regs];
          let why = "";
          for (const [start, whenTrue] of [[next, op === Op.JF], [B, op === Op.JT]] as const) {
            test = { ...x, neg: x.neg !== !whenTrue };
            try { return walk(start); } catch (e) {
              if (!(e instanceof NotShape)) throw e;
              why = e.message;
              regs.splice(0, regs.length, ...saved);
              sources.clear(); nonzero.clear(); store = null; test = null;
            }
          }
          return no(why);
        }
        case Op.CALL: {
          const p = s.calls.get(pc);
          if (!p || !("emit" in p)) no("a call");
          const args = Array.from({ length: B }, (_, j) => regs[A + 5 + j]);
          regs[A] = primitive((p as WasmPrim).name, args);
          break;
        }
        case Op.TAILCALL: {
          if (!s.loops.has(pc) || !test) no("a tail call that is not the loop");
          if (!store) no("no f64vector-set! at i");
          const args = Array.from({ length: B }, (_, j) => regs[A + 5 + j]);
          args.forEach((x, j) => { if (j === index ? x !== INC : x !== init[j]) no("a parameter that changes in the loop"); });
          return done();
        }
        default: no(`${OPCODES[op].name} in the loop`);
      }
      pc = next;
    }
    return no("too long");
  }

  function primitive(name: string, args: Sym[]): Sym {
    switch (name) {
      case "%f64vector-length": return { t: "leaf", leaf: { t: "len", vec: vec(args[0]) } };
      case "%f64vector-ref": {
        if (!test) no("a load before the test");
        const v = vec(args[0]);
        if (args[1] !== IDX) no("a load at another index than i");
        sources.set(leafKey(v), v);
        return { t: "load", vec: v };
      }
      case "%f64vector-set!": {
        if (!test) no("a store before the test");
        if (store) no("two stores");
        const v = vec(args[0]);
        if (args[1] !== IDX) no("a store at another index than i");
        store = { dst: v, value: num(args[2]) };
        return OTHER;
      }
      case "/": {
        const a = num(args[0]), b = num(args[1]);
        if (exprKind(a) === "I" && exprKind(b) === "I") no("fixnum division");
        if (exprKind(b) === "I") {
          const l = (b as Extract<Expr, { t: "leaf" }>).leaf;
          if (l.t === "num" && l.v === 0) no("division by exact 0");
          if (l.t !== "num") nonzero.set(leafKey(l), l);
        }
        return { t: "bin", op: "div", a, b };
      }
      case "square": { const a = flo(num(args[0])); return { t: "bin", op: "mul", a, b: a }; }
      case "exact->inexact": case "inexact": {
        const a = num(args[0]);
        return exprKind(a) === "F" ? a : { t: "un", op: "float", a };
      }
      default: {
        const un: Record<string, UnOp> = { "-": "neg", abs: "abs", sqrt: "sqrt", floor: "floor", ceiling: "ceil", truncate: "trunc", round: "nearest" };
        if (!(name in un) || args.length !== 1) no(`a call of ${name}`);
        return { t: "un", op: un[name], a: flo(num(args[0])) };
      }
    }
  }

  function done(): ElementwiseLoop {
    const t = test!;
    // i on the left: i < n, i <= n, i = n (continuing when the test is not negated), or n > i ...
    const flip: Partial<Record<Op, Op>> = { [Op.LT]: Op.GT, [Op.GT]: Op.LT, [Op.LE]: Op.GE, [Op.GE]: Op.LE, [Op.NUMEQ]: Op.NUMEQ };
    let op: Op, other: Sym;
    if (t.a === IDX) { op = t.op; other = t.b; } else if (t.b === IDX) { op = flip[t.op]!; other = t.a; } else return no("a test not on i");
    if (!isExpr(other) || other.t !== "leaf" || exprKind(other) !== "I") no("a bound that is not an invariant fixnum");
    const bound = (other as Extract<Expr, { t: "leaf" }>).leaf;
    // The continuing condition, with the test's polarity.
    const cont = t.neg ? ({ [Op.LT]: "ge", [Op.LE]: "gt", [Op.GT]: "le", [Op.GE]: "lt", [Op.NUMEQ]: "ne" } as Record<number, string>)[op]
      : ({ [Op.LT]: "lt", [Op.LE]: "le", [Op.GT]: "gt", [Op.GE]: "ge", [Op.NUMEQ]: "eq" } as Record<number, string>)[op];
    if (cont !== "lt" && cont !== "le" && cont !== "ne") no(`a loop continuing while i ${cont} n`);
    const { dst, value } = store!;
    return { index, cmp: cont as "lt" | "le" | "ne", bound, dst, value, sources, nonzero };
  }
}

/** Pairs between two polls of the interrupt fuel (1024 iterations; the interpreter's chunk is 10,000). */
const CHUNK_PAIRS = 512;

/** What the SIMD loop asks of the function being written (codegen-wasm.ts, SpecEmitter). */
export interface SimdHost {
  readonly f: FunctionBuilder;
  /** The local of parameter r as kind k (part j of a vector: handle, address, length). */
  paramLocal(r: number, k: Kind, j?: number): number;
  /** Push the value of free variable i (its value types in order: a vector's three). */
  pushFree(i: number): void;
  /** Decrement the fuel by n (a number, or code pushing an i32) and poll; to stop, leave Wasm at pc 0. */
  pollAtEntry(n: number | (() => void)): void;
}

/**
 * Emit the pair loop for `loop` (run at function entry, before the scalar loop): it advances
 * the index parameter by the pairs it did.
 */
export function emitElementwise(h: SimdHost, loop: ElementwiseLoop): void {
  const f = h.f;
  const i = h.paramLocal(loop.index, "I");
  const { vector, pushLeaf, vecs } = invariantValues(h);
  const dst = vector(loop.dst);
  for (const l of loop.sources.values()) vector(l);
  // The end of the iterations the test allows (exclusive), as i64.
  const end = f.local("i64");
  pushLeaf(loop.bound, "I");
  if (loop.cmp === "le") f.op("i64.const", 1).op("i64.add");
  f.op("local.set", end);
  if (loop.cmp === "ne") {
    // Continuing while i != n: up to n when i starts at or below it, else none here.
    f.op("local.get", end).op("local.get", i).op("local.get", end).op("local.get", i).op("i64.ge_s").op("select").op("local.set", end);
  }
  // ... and within every vector.
  for (const v of vecs.values()) {
    f.op("local.get", v.len).op("i64.extend_i32_u").op("local.get", end)
      .op("local.get", v.len).op("i64.extend_i32_u").op("local.get", end).op("i64.lt_s").op("select").op("local.set", end);
  }
  // Conditions for pairs at all: i >= 0, no source 8 bytes below the destination, nonzero fixnum divisors.
  f.op("local.get", i).op("i64.const", 0).op("i64.ge_s");
  for (const [key, l] of loop.sources) {
    if (key === leafKey(loop.dst)) continue;
    f.op("local.get", dst.addr).op("local.get", vector(l).addr).op("i32.sub").op("i32.const", 8).op("i32.ne").op("i32.and");
  }
  for (const l of loop.nonzero.values()) { pushLeaf(l, "I"); f.op("i64.const", 0).op("i64.ne").op("i32.and"); }
  f.op("if", "void");
  // Invariant numbers, splatted once.
  const splats = new Map<string, number>();
  const hoist = (e: Expr): void => {
    if (e.t === "leaf") {
      const key = leafKey(e.leaf);
      if (splats.has(key)) return;
      const x = f.local("v128");
      pushLeaf(e.leaf, "F"); f.op("f64x2.splat").op("local.set", x);
      splats.set(key, x);
    } else if (e.t === "bin") { hoist(e.a); hoist(e.b); } else if (e.t === "un") hoist(e.a);
  };
  hoist(loop.value);
  const off = f.local("i32"), x = f.local("v128"), cend = f.local("i64");
  // Chunks of CHUNK_PAIRS pairs: the fuel is counted and polled once per chunk.
  f.op("block", "void").op("loop", "void");
  f.op("local.get", i).op("i64.const", 2).op("i64.add").op("local.get", end).op("i64.gt_s").op("br_if", 1);
  f.op("local.get", i).op("i64.const", 2 * CHUNK_PAIRS).op("i64.add").op("local.get", end)
    .op("local.get", i).op("i64.const", 2 * CHUNK_PAIRS).op("i64.add").op("local.get", end).op("i64.lt_s").op("select")
    .op("local.set", cend);
  h.pollAtEntry(() => f.op("local.get", cend).op("local.get", i).op("i64.sub").op("i32.wrap_i64"));
  f.op("loop", "void");
  f.op("local.get", i).op("i32.wrap_i64").op("i32.const", 3).op("i32.shl").op("local.set", off);
  f.op("local.get", dst.addr).op("local.get", off).op("i32.add");
  const emit = (e: Expr): void => {
    switch (e.t) {
      case "leaf": f.op("local.get", splats.get(leafKey(e.leaf))!); return;
      case "load": f.op("local.get", vector(e.vec).addr).op("local.get", off).op("i32.add").op("v128.load", { align: 3 }); return;
      case "bin": emit(e.a); emit(e.b); f.op(`f64x2.${e.op}`); return;
      case "un":
        emit(e.a);
        if (e.op === "float") return;  // a fixnum leaf, splatted as a flonum already
        if (e.op === "sqrt") {
          // A negative lane: the scalar code leaves Wasm there (a complex result); stop the pairs.
          f.op("local.tee", x).op("v128.const", new Uint8Array(16)).op("f64x2.lt").op("v128.any_true").op("br_if", 2)
            .op("local.get", x);
        }
        f.op(`f64x2.${e.op}`);
        return;
    }
  };
  emit(loop.value);
  f.op("v128.store", { align: 3 });
  // Next pair, while i + 2 <= the chunk's end; then the next chunk.
  f.op("local.get", i).op("i64.const", 2).op("i64.add").op("local.tee", i).op("i64.const", 2).op("i64.add")
    .op("local.get", cend).op("i64.le_s").op("br_if", 0);
  f.op("end").op("br", 0);  // pairs, next chunk
  f.op("end").op("end");  // chunk loop, block
  f.op("end");  // if
}

/**
 * Code reading invariant values at function entry (before the loop): a vector's address and
 * length (in i32 locals, read once), a number as a fixnum (i64) or flonum (f64).
 */
export function invariantValues(h: SimdHost): {
  vector(l: Leaf): { addr: number; len: number };
  pushLeaf(l: Leaf, k: "I" | "F"): void;
  readonly vecs: Map<string, { addr: number; len: number }>;
} {
  const f = h.f;
  // Every vector's address and length in i32 locals.
  const vecs = new Map<string, { addr: number; len: number }>();
  const vector = (l: Leaf): { addr: number; len: number } => {
    const key = leafKey(l);
    let v = vecs.get(key);
    if (v) return v;
    v = { addr: f.local("i32"), len: f.local("i32") };
    if (l.t === "param") {
      f.op("local.get", h.paramLocal(l.r, l.k, 1)).op("local.set", v.addr).op("local.get", h.paramLocal(l.r, l.k, 2)).op("local.set", v.len);
    } else if (l.t === "free") {
      h.pushFree(l.i);
      f.op("local.set", v.len).op("local.set", v.addr).op("drop");
    } else if (l.t === "kvec") {
      f.op("i32.const", l.v.byteOffset).op("local.set", v.addr).op("i32.const", l.v.length).op("local.set", v.len);
    } else throw new Error("wasm: not a vector");
    vecs.set(key, v);
    return v;
  };
  /** Push an invariant number as kind k (i64 for a fixnum, f64). */
  const pushLeaf = (l: Leaf, k: "I" | "F"): void => {
    let from: "I" | "F";
    if (l.t === "num") {
      if (k === "I") { f.op("i64.const", BigInt(l.v)); return; }
      f.op("f64.const", l.v); return;
    } else if (l.t === "param") { f.op("local.get", h.paramLocal(l.r, l.k)); from = l.k as "I" | "F"; }
    else if (l.t === "free") { h.pushFree(l.i); from = l.k as "I" | "F"; }
    else if (l.t === "len") { f.op("local.get", vector(l.vec).len).op("i64.extend_i32_u"); from = "I"; }
    else throw new Error("wasm: not a number");
    if (from === "I" && k === "F") f.op("f64.convert_i64_s");
    if (from !== k && k === "I") throw new Error("wasm: a flonum as a fixnum");
  };

  return { vector, pushLeaf, vecs };
}

/** The element-wise loop as text, for --jit-debug. */
export function describeLoop(l: ElementwiseLoop): string {
  const leaf = (x: Leaf): string => (x.t === "num" ? String(x.v) : x.t === "len" ? `(length ${leaf(x.vec)})` : x.t === "kvec" ? "global" : x.t === "param" ? `r${x.r}` : `free${x.i}`);
  const expr = (e: Expr): string => (e.t === "leaf" ? leaf(e.leaf) : e.t === "load" ? `${leaf(e.vec)}[i]` : e.t === "bin" ? `(${e.op} ${expr(e.a)} ${expr(e.b)})` : `(${e.op} ${expr(e.a)})`);
  return `${leaf(l.dst)}[i] = ${expr(l.value)} while i ${l.cmp} ${leaf(l.bound)}`;
}
