// The builtins Wasm code computes itself, in one table: name and arity, the result's abstract
// type for given argument types (null: not in Wasm for these), and how to emit it. Each entry
// keeps Kiln's semantics exactly, or guards and leaves Wasm (the interpreter then runs the
// call, raising its error or computing the bignum, ratnum or complex result):
//
//   (/ a b)      needs a flonum operand (exact division makes ratnums); an exact 0 divisor
//                leaves Wasm (the interpreter raises the error)
//   (sqrt x)     flonum; a negative argument leaves Wasm (the result would be complex)
//   (exact x)    flonum with an integral value of magnitude below 2^53, else leaves Wasm
//   quotient, remainder, modulo: fixnums; a 0 divisor leaves Wasm
//   %TAGvector-ref / -set! / -length: the SRFI 160 primitives on the vectors of vector-kinds.ts
//                in the vector memory (and bytevector-u8-ref / -set! / bytevector-length on
//                u8vectors there); an index out of range, or a value that is not an element
//                (a fixnum outside the type's range), leaves Wasm (the interpreter raises the error)

import { UNSPECIFIED, Value } from "../runtime/values.js";
import { FunctionBuilder } from "./module-builder.js";
import { ValType } from "./instructions.js";
import type { AType, Kind } from "./analyze.js";
import { VECTOR_KINDS, VectorKind, vectorKindOf, isVecKind } from "./vector-kinds.js";
import { vectorMemory } from "./vector-memory.js";

/** What a primitive's emitter may ask of the function being written (codegen-wasm.ts). */
export interface PrimEmitter {
  readonly f: FunctionBuilder;
  /** Push register r's value as kind k (a fixnum is converted when k is "F"). */
  push(r: number, k: Kind): void;
  /** Push the byte address or the length of the vector in register r. */
  pushVector(r: number, part: "addr" | "len"): void;
  /** The i32 on the stack is nonzero when the guard fails: then leave Wasm at this instruction. */
  guard(): void;
  /** Whether this instruction's bounds check (or fixnum range guard) is proven by the loop's entry test (induction.ts). */
  proven(what: "bounds" | "range"): boolean;
  tmp(t: ValType): number;
}

export interface WasmPrim {
  readonly name: string;
  readonly arity: number;
  type(args: AType[]): AType | null;
  /** Push the result (nothing when the result type is a known constant). */
  emit(e: PrimEmitter, regs: readonly number[], args: AType[]): void;
}

const num = (t: AType): boolean => t === "I" || t === "F";
/** The vector kind of an argument's type: a register of a vector kind, or a global's vector (known). */
const vecKind = (t: AType): string | null =>
  typeof t === "string" ? (isVecKind(t) ? t : null)
    : typeof t === "object" && "c" in t && vectorMemory()?.holds(t.c as Float64Array) ? vectorKindOf(t.c) : null;
/** 2^53 - 1: the largest fixnum. */
export const MAX_FIXNUM = 9007199254740991n;

/** Guard that the i64 on the stack is a fixnum (|x| <= 2^53 - 1), leaving it on the stack. */
export function fixnumResult(e: PrimEmitter): void {
  const t = e.tmp("i64");
  e.f.op("local.tee", t).op("i64.const", MAX_FIXNUM).op("i64.add").op("i64.const", 2n * MAX_FIXNUM).op("i64.gt_u");
  e.guard();
  e.f.op("local.get", t);
}

/** Fixnum product with an exact overflow test: the double product is below 2^53 exactly when the true one is. */
export function fixnumMul(e: PrimEmitter, ra: number, rb: number): void {
  const a = e.tmp("i64"), b = e.tmp("i64");
  e.push(ra, "I"); e.f.op("local.set", a);
  e.push(rb, "I"); e.f.op("local.set", b);
  e.f.op("local.get", a).op("f64.convert_i64_s").op("local.get", b).op("f64.convert_i64_s").op("f64.mul")
    .op("f64.abs").op("f64.const", 2 ** 53).op("f64.ge");
  e.guard();
  e.f.op("local.get", a).op("local.get", b).op("i64.mul");
}

const flo1 = (name: string, instr: string, exactToo: boolean): WasmPrim => ({
  name, arity: 1,
  type: ([x]) => (x === "F" ? "F" : x === "I" && exactToo ? "I" : null),
  emit: (e, [r], [x]) => { e.push(r, x as Kind); if (x === "F") e.f.op(instr); },
});

const table: WasmPrim[] = [
  {
    name: "-", arity: 1, type: ([x]) => (num(x) ? x : null),
    emit: (e, [r], [x]) => {
      if (x === "I") { e.f.op("i64.const", 0); e.push(r, "I"); e.f.op("i64.sub"); } else { e.push(r, "F"); e.f.op("f64.neg"); }
    },
  },
  {
    name: "/", arity: 2, type: ([a, b]) => (num(a) && num(b) && (a === "F" || b === "F") ? "F" : null),
    emit: (e, [ra, rb], [, b]) => {
      if (b === "I") { e.push(rb, "I"); e.f.op("i64.eqz"); e.guard(); }
      e.push(ra, "F"); e.push(rb, "F"); e.f.op("f64.div");
    },
  },
  {
    name: "sqrt", arity: 1, type: ([x]) => (x === "F" ? "F" : null),
    emit: (e, [r]) => {
      const t = e.tmp("f64");
      e.push(r, "F"); e.f.op("local.tee", t).op("f64.const", 0).op("f64.lt"); e.guard();
      e.f.op("local.get", t).op("f64.sqrt");
    },
  },
  ...["exact->inexact", "inexact"].map((name): WasmPrim => ({
    name, arity: 1, type: ([x]) => (num(x) ? "F" : null), emit: (e, [r]) => e.push(r, "F"),
  })),
  ...["inexact->exact", "exact"].map((name): WasmPrim => ({
    name, arity: 1, type: ([x]) => (num(x) ? "I" : null),
    emit: (e, [r], [x]) => {
      if (x === "I") { e.push(r, "I"); return; }
      const t = e.tmp("f64");
      // Leaves Wasm unless integral (trunc(x) == x is false for NaN and infinities too) and below 2^53.
      e.push(r, "F"); e.f.op("local.tee", t).op("f64.trunc").op("local.get", t).op("f64.ne")
        .op("local.get", t).op("f64.abs").op("f64.const", 2 ** 53).op("f64.ge").op("i32.or");
      e.guard();
      e.f.op("local.get", t).op("i64.trunc_f64_s");
    },
  })),
  {
    name: "abs", arity: 1, type: ([x]) => (num(x) ? x : null),
    emit: (e, [r], [x]) => {
      if (x === "F") { e.push(r, "F"); e.f.op("f64.abs"); return; }
      const t = e.tmp("i64");
      e.f.op("i64.const", 0); e.push(r, "I"); e.f.op("local.tee", t).op("i64.sub").op("local.get", t)
        .op("local.get", t).op("i64.const", 0).op("i64.lt_s").op("select");
    },
  },
  flo1("floor", "f64.floor", true), flo1("ceiling", "f64.ceil", true), flo1("truncate", "f64.trunc", true),
  flo1("round", "f64.nearest", true),  // round to even, as R7RS asks
  {
    name: "square", arity: 1, type: ([x]) => (num(x) ? x : null),
    emit: (e, [r], [x]) => {
      if (x === "I") fixnumMul(e, r, r); else { e.push(r, "F"); e.push(r, "F"); e.f.op("f64.mul"); }
    },
  },
  ...(["quotient", "remainder", "modulo"] as const).map((name): WasmPrim => ({
    name, arity: 2, type: ([a, b]) => (a === "I" && b === "I" ? "I" : null),
    emit: (e, [ra, rb]) => {
      const b = e.tmp("i64");
      e.push(rb, "I"); e.f.op("local.tee", b).op("i64.eqz"); e.guard();
      e.push(ra, "I"); e.f.op("local.get", b).op(name === "quotient" ? "i64.div_s" : "i64.rem_s");
      if (name === "modulo") {
        // The remainder takes the divisor's sign: add b when they differ and it is not 0.
        const m = e.tmp("i64");
        e.f.op("local.set", m).op("local.get", m).op("local.get", b).op("i64.add").op("local.get", m)
          .op("local.get", m).op("local.get", b).op("i64.xor").op("i64.const", 0).op("i64.lt_s")
          .op("local.get", m).op("i64.const", 0).op("i64.ne").op("i32.and").op("select");
      }
    },
  })),
  ...(["positive?", "negative?"] as const).map((name): WasmPrim => ({
    name, arity: 1, type: ([x]) => (num(x) ? "B" : null),
    emit: (e, [r], [x]) => {
      const cmp = name === "positive?" ? "gt" : "lt";
      if (x === "I") { e.push(r, "I"); e.f.op("i64.const", 0).op(`i64.${cmp}_s`); } else { e.push(r, "F"); e.f.op("f64.const", 0).op(`f64.${cmp}`); }
    },
  })),
  ...(["odd?", "even?"] as const).map((name): WasmPrim => ({
    name, arity: 1, type: ([x]) => (x === "I" ? "B" : null),
    emit: (e, [r]) => { e.push(r, "I"); e.f.op("i64.const", 1).op("i64.and").op("i32.wrap_i64"); if (name === "even?") e.f.op("i32.eqz"); },
  })),
  ...(["max", "min"] as const).map((name): WasmPrim => ({
    name, arity: 2, type: ([a, b]) => (a === "I" && b === "I" ? "I" : null),
    emit: (e, [ra, rb]) => {
      const a = e.tmp("i64"), b = e.tmp("i64");
      e.push(ra, "I"); e.f.op("local.tee", a); e.push(rb, "I"); e.f.op("local.tee", b)
        .op("local.get", a).op("local.get", b).op(name === "max" ? "i64.gt_s" : "i64.lt_s").op("select");
    },
  })),
  ...VECTOR_KINDS.flatMap(vectorPrims),
];

/** ref, set! and length of one vector kind (u8 also under the bytevector names). */
function vectorPrims(vk: VectorKind): WasmPrim[] {
  const is = (t: AType): boolean => vecKind(t) === vk.kind;
  const names = (op: string): string[] =>
    [`%${vk.tag}vector-${op}`, ...(vk.tag === "u8" ? [op === "length" ? "bytevector-length" : `bytevector-u8-${op}`] : [])];
  return [
    ...names("length").map((name): WasmPrim => ({
      name, arity: 1, type: ([v]) => (is(v) ? "I" : null),
      emit: (e, [r]) => { e.pushVector(r, "len"); e.f.op("i64.extend_i32_u"); },
    })),
    ...names("ref").map((name): WasmPrim => ({
      name, arity: 2, type: ([v, i]) => (is(v) && i === "I" ? vk.elem : null),
      emit: (e, [rv, ri]) => { address(e, vk, rv, ri); for (const op of vk.load) e.f.op(op, ...(op.includes("load") ? [{}] : [])); },
    })),
    ...names("set!").map((name): WasmPrim => ({
      name, arity: 3,
      type: ([v, i, x]) => (is(v) && i === "I" && (vk.elem === "F" ? num(x) : x === "I") ? { c: UNSPECIFIED as Value } : null),
      emit: (e, [rv, ri, rx]) => {
        if (vk.lo !== undefined) {
          // Leaves Wasm unless lo <= x <= hi (one unsigned compare of x - lo).
          e.push(rx, "I"); e.f.op("i64.const", vk.lo).op("i64.sub").op("i64.const", vk.hi! - vk.lo).op("i64.gt_u");
          e.guard();
        }
        address(e, vk, rv, ri);
        e.push(rx, vk.elem);
        for (const op of vk.store) e.f.op(op, ...(op.includes("store") ? [{}] : []));
      },
    })),
  ];
}

/** The byte address of element i of the vector, after a bounds check (unsigned: negatives fail too). */
function address(e: PrimEmitter, vk: VectorKind, rv: number, ri: number): void {
  const i = e.tmp("i64"), proven = e.proven("bounds");
  e.push(ri, "I"); e.f.op(proven ? "local.set" : "local.tee", i);
  if (!proven) { e.pushVector(rv, "len"); e.f.op("i64.extend_i32_u").op("i64.ge_u"); e.guard(); }
  e.pushVector(rv, "addr"); e.f.op("local.get", i).op("i32.wrap_i64");
  if (vk.shift) e.f.op("i32.const", vk.shift).op("i32.shl");
  e.f.op("i32.add");
}

/** By name; the arity must match too (checked by the analysis). */
export const WASM_PRIMITIVES: ReadonlyMap<string, WasmPrim> = new Map(table.map((p) => [p.name, p]));
