// The differential test for numeric code (issue 16): random numeric programs, the kind the
// Wasm tier compiles, run in the interpreter, with every procedure compiled at once and every
// eligible one sent to Wasm, and with the default policy after warm-up calls; they must print
// the same text in every tier. The programs are
//
//   fixnum loops that cross the fixnum range (sums and products turning into bignums, so the
//     Wasm guards fail mid-loop and the interpreter continues the frame);
//   flonum kernels over expressions with NaN, infinities, -0.0, mixed exact/inexact operands,
//     division, sqrt, exact/inexact conversions and comparisons;
//   recursive procedures (non-tail calls between Wasm functions, deopt with frames below);
//   f64vector kernels (reads, writes, out-of-range indices that raise);
//   inner loops: a named let or `do` loop inside a procedure, nested two deep, the inner one
//     called non-tail or tail-calling the outer one (closures the Wasm module makes, so a guard
//     failing inside makes their Closure objects again), with fixnums crossing the range and
//     flonums with NaN, infinities and -0.0;
//   the other vector types (s8 ... u32, f32, bytevectors): sums, stores of values outside the
//     element range (which raise), out-of-range indices;
//   element-wise f64vector loops (f64x2 pairs in Wasm): NaN, infinities, -0.0, odd lengths,
//     bounds past the end, the destination also a source.
//
// Each procedure is called with arguments of several kinds (fixnum, flonum, integral flonum),
// so wrappers see both their specialization and other values. Seeded (KILN_NUMDIFF_SEED), with
// KILN_NUMDIFF_RUNS programs (default 60).

import { test } from "node:test";
import assert from "node:assert/strict";
import { Runtime } from "../../src/api/runtime.js";
import { sandboxHost } from "../../src/host/sandbox.js";
import { setStandardOutput, flushStandardPorts } from "../../src/lib/io.js";
import { NIL } from "../../src/runtime/values.js";
import { describeRaised } from "../../src/cli/report.js";
import { UncaughtError } from "../../src/vm/requests.js";
import type { WasmMode } from "../../src/wasm/tier.js";

const runs = Number(process.env.KILN_NUMDIFF_RUNS ?? 60);
const seed0 = Number(process.env.KILN_NUMDIFF_SEED ?? 20261202);

/** A small deterministic generator (mulberry32). */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FLO_CONSTS = ["0.5", "-0.0", "0.0", "1.0", "-2.5", "+inf.0", "-inf.0", "+nan.0", "1e300", "3", "0", "-7"];
const FIX_CONSTS = ["0", "1", "-1", "3", "1000003", "536870912", "4503599627370496", "-9007199254740991"];

export class Gen {
  constructor(private readonly r: () => number) {}
  pick<T>(xs: readonly T[]): T { return xs[Math.floor(this.r() * xs.length)]; }
  int(lo: number, hi: number): number { return lo + Math.floor(this.r() * (hi - lo + 1)); }

  /** A flonum-ish expression over the variables. */
  flo(vars: string[], depth: number): string {
    if (depth === 0 || this.r() < 0.25) return this.r() < 0.6 ? this.pick(vars) : this.pick(FLO_CONSTS);
    const a = (): string => this.flo(vars, depth - 1);
    switch (this.int(0, 9)) {
      case 0: case 1: return `(+ ${a()} ${a()})`;
      case 2: return `(- ${a()} ${a()})`;
      case 3: case 4: return `(* ${a()} ${a()})`;
      case 5: return `(/ ${a()} ${this.pick(["2.0", "-0.0", "0.0", "3.5", "+inf.0"])})`;
      case 6: return `(sqrt (abs (exact->inexact ${a()})))`;
      case 7: return `(if (< ${a()} ${a()}) ${a()} ${a()})`;
      case 8: return `(- ${a()})`;
      default: return `(exact->inexact ${a()})`;
    }
  }

  /** A fixnum expression that can leave the fixnum range. */
  fix(vars: string[], depth: number): string {
    if (depth === 0 || this.r() < 0.3) return this.r() < 0.6 ? this.pick(vars) : this.pick(FIX_CONSTS);
    const a = (): string => this.fix(vars, depth - 1);
    switch (this.int(0, 7)) {
      case 0: case 1: return `(+ ${a()} ${a()})`;
      case 2: return `(- ${a()} ${a()})`;
      case 3: return `(* ${a()} ${this.pick(["b", "i", "3", "-2", "1000003"])})`;  // not acc * acc: bignums would square
      case 4: return `(quotient ${a()} ${this.pick(["3", "-2", "7"])})`;
      case 5: return `(remainder ${a()} ${this.pick(["3", "-2", "1000"])})`;
      case 6: return `(if (> ${a()} ${a()}) ${a()} ${a()})`;
      default: return `(modulo ${a()} ${this.pick(["5", "-3"])})`;
    }
  }

  program(): string {
    const kind = this.int(0, 7);
    const n = this.int(1, 40);
    const lines: string[] = ["(import (scheme base) (scheme write) (scheme inexact) (srfi 160 f64) (srfi 160 s8) (srfi 160 s16) " +
      "(srfi 160 u16) (srfi 160 s32) (srfi 160 u32) (srfi 160 f32) (srfi 160 u8))"];
    const show = (e: string): void => { lines.push(`(write (guard (e (#t (list 'error (condition/report-string* e)))) ${e})) (newline)`); };
    lines.push("(define (condition/report-string* e) (if (error-object? e) (error-object-message e) e))");
    if (kind === 0) {
      lines.push(`(define (f a b) (let loop ((i 0) (acc a)) (if (= i ${n}) acc (loop (+ i 1) ${this.fix(["acc", "b", "i"], 3)}))))`);
      for (const [a, b] of [["1", "2"], [this.pick(FIX_CONSTS), this.pick(FIX_CONSTS)], ["3", "1.5"], ["4503599627370496", "4503599627370496"]]) show(`(f ${a} ${b})`);
      for (let k = 0; k < 3; k++) show(`(f ${this.pick(FIX_CONSTS)} ${this.pick(FIX_CONSTS)})`);
    } else if (kind === 1) {
      lines.push(`(define (g x y) (let loop ((i 0) (acc x)) (if (= i ${n}) acc (loop (+ i 1) ${this.flo(["acc", "y", "x"], 3)}))))`);
      for (let k = 0; k < 5; k++) show(`(g ${this.pick(FLO_CONSTS)} ${this.pick(FLO_CONSTS)})`);
      show(`(g 0.25 0.5)`);
      show(`(g 0.25 'x)`);
    } else if (kind === 2) {
      lines.push(`(define (h n x) (if (< n 1) ${this.flo(["x"], 2)} (+ ${this.flo(["x"], 2)} (h (- n 1) ${this.flo(["x"], 1)}))))`);
      lines.push(`(define (k n) (if (< n 2) n (${this.pick(["+", "*", "-"])} (k (- n 1)) (k (- n 2)))))`);
      for (let j = 0; j < 4; j++) show(`(h ${this.int(0, 12)} ${this.pick(FLO_CONSTS)})`);
      show(`(k ${this.int(5, 18)})`);
      show(`(k 10.5)`);
    } else if (kind === 4) {
      // Two loops in one procedure: the inner one's value feeds the outer one.
      const inner = this.r() < 0.5
        ? `(do ((j 0 (+ j 1)) (a acc ${this.fix(["a", "b", "i", "j"], 2)})) ((= j ${this.int(0, 6)}) a))`
        : `(let inner ((j 0) (a acc)) (if (= j ${this.int(0, 6)}) a (inner (+ j 1) ${this.fix(["a", "b", "i", "j"], 2)})))`;
      lines.push(`(define (f a b) (let outer ((i 0) (acc a)) (if (= i ${this.int(0, 8)}) acc (outer (+ i 1) ${inner}))))`);
      const finner = `(let inner ((j 0) (s acc)) (if (= j ${this.int(0, 5)}) s (inner (+ j 1) ${this.flo(["s", "y", "acc"], 2)})))`;
      lines.push(`(define (g x y) (let outer ((i 0) (acc x)) (if (= i ${this.int(0, 6)}) acc (outer (+ i 1) ${finner}))))`);
      for (let k = 0; k < 3; k++) show(`(f ${this.pick(FIX_CONSTS)} ${this.pick(FIX_CONSTS)})`);
      show(`(f 1 2.5)`);
      for (let k = 0; k < 3; k++) show(`(g ${this.pick(FLO_CONSTS)} ${this.pick(FLO_CONSTS)})`);
    } else if (kind === 5) {
      // Nested loops where the inner one tail-calls the outer one (mbrot's grid), in one procedure.
      const m = this.int(1, 6), n = this.int(1, 6);
      lines.push(`(define (grid a b) (let yl ((y 0) (t a)) (if (= y ${m}) t (let xl ((x 0) (t t)) (if (= x ${n}) (yl (+ y 1) t) ` +
        `(xl (+ x 1) ${this.fix(["t", "x", "y", "b"], 2)}))))))`);
      lines.push(`(define (fgrid a b) (let yl ((y 0) (t a)) (if (= y ${m}) t (let xl ((x 0) (t t)) (if (= x ${n}) (yl (+ y 1) t) ` +
        `(xl (+ x 1) ${this.flo(["t", "b"], 2)}))))))`);
      for (let k = 0; k < 3; k++) show(`(grid ${this.pick(FIX_CONSTS)} ${this.pick(FIX_CONSTS)})`);
      for (let k = 0; k < 3; k++) show(`(fgrid ${this.pick(FLO_CONSTS)} ${this.pick(FLO_CONSTS)})`);
    } else if (kind === 6) {
      const t = this.pick(["s8", "u8", "s16", "u16", "s32", "u32", "f32", "bytevector"]);
      const len = this.int(1, 8), bv = t === "bytevector";
      const name = (op: string): string => (bv ? (op === "length" ? "bytevector-length" : `bytevector-u8-${op}`) : `${t}vector-${op}`);
      const make = bv ? `(make-bytevector ${this.pick([len, 300])} 0)` : `(make-${t}vector ${len} 0)`;
      const vals = t === "f32" ? FLO_CONSTS : [...FIX_CONSTS, "127", "128", "255", "256", "-128", "-129", "65535", "2147483647", "-2147483648", "4294967295"];
      lines.push(`(define v ${make})`);
      const x = t === "f32" ? this.flo(["x", "i"], 2) : `(${this.pick(["+", "-", "*"])} x ${this.pick(["i", "1", "3", "-1"])})`;
      lines.push(`(define (fill! v x) (do ((i 0 (+ i 1))) ((= i (${name("length")} v))) (${name("set!")} v i ${x})))`);
      lines.push(`(define (sum v) (let loop ((i 0) (s ${t === "f32" ? "0.0" : "0"})) (if (= i (${name("length")} v)) s (loop (+ i 1) (+ s (${name("ref")} v i))))))`);
      lines.push(`(define (at v i) (${name("ref")} v i))`);
      for (let j = 0; j < 3; j++) { show(`(fill! v ${this.pick(vals)})`); show(`(sum v)`); }
      show(`(at v ${this.int(0, len + 1)})`);
      show(`(at v -1)`);
      // A copy: a bytevector-copy is outside the vector memory (the wrappers run JS for it).
      show(`(sum (${bv ? "bytevector-copy" : `${t}vector-copy`} v))`);
    } else if (kind === 7) {
      // An element-wise loop (the Wasm tier runs it in f64x2 pairs, src/wasm/simd.ts): odd and
      // even lengths, bounds past a vector's end (the error after the elements before it), the
      // destination also a source.
      const len = this.int(0, 9);
      const vec = (): string => `(f64vector ${Array.from({ length: len }, () => this.pick(FLO_CONSTS)).join(" ")})`;
      lines.push(`(define a ${vec()}) (define b ${vec()}) (define d (make-f64vector ${len} 0.5))`);
      const refs = ["(f64vector-ref a i)", "(f64vector-ref b i)", "(f64vector-ref d i)", "x"];
      lines.push(`(define (map! d a b x n) (do ((i 0 (+ i 1))) ((= i n)) (f64vector-set! d i ${this.flo(refs, 3)})))`);
      for (let j = 0; j < 3; j++) {
        show(`(map! d a b ${this.pick(FLO_CONSTS)} ${this.pick([len, len, len - 1, len + 1, 0])})`);
        show(`(f64vector->list d)`);
      }
      show(`(map! a a a ${this.pick(FLO_CONSTS)} ${len})`);
      show(`(f64vector->list a)`);
    } else {
      const len = this.int(1, 8);
      lines.push(`(define v (make-f64vector ${len} 0.5))`);
      lines.push(`(define (fill! v x) (let loop ((i 0)) (if (< i (f64vector-length v)) (begin (f64vector-set! v i ${this.flo(["x"], 2)}) (loop (+ i 1))))))`);
      lines.push(`(define (sum v) (let loop ((i 0) (s 0.0)) (if (= i (f64vector-length v)) s (loop (+ i 1) (+ s (f64vector-ref v i))))))`);
      lines.push(`(define (at v i) (f64vector-ref v i))`);
      for (let j = 0; j < 3; j++) { lines.push(`(fill! v ${this.pick(FLO_CONSTS)})`); show(`(sum v)`); }
      show(`(at v ${this.int(0, len + 1)})`);
      show(`(at v -1)`);
      show(`(f64vector->list v)`);
    }
    return lines.join("\n");
  }
}

function runner(tier: "interpreter" | "wasm-all" | "default"): (text: string) => string {
  const host = sandboxHost();
  const jit = tier === "interpreter" ? { enabled: false, threshold: 0, debug: false }
    : tier === "wasm-all" ? { enabled: true, threshold: 0, debug: false, wasm: "all" as WasmMode }
      : { enabled: true, threshold: 3, debug: false, wasm: "on" as WasmMode };
  const rt = new Runtime(host, { jit });
  return (text) => {
    let out = "";
    setStandardOutput((t) => { out += t; }, (t) => { out += t; });
    rt.vm.handlers = NIL;
    rt.vm.winders = NIL;
    try {
      // The default tier runs the program twice: the second run finds hot, compiled procedures.
      if (tier === "default") { rt.runProgram(text, "numeric.scm"); out = ""; }
      rt.runProgram(text, "numeric.scm");
    } catch (e) {
      out += e instanceof UncaughtError ? `uncaught: ${describeRaised(e.payload)}` : `internal: ${e instanceof Error ? e.stack : String(e)}`;
    } finally {
      try { flushStandardPorts(); } catch { /* nothing to flush */ }
    }
    return out;
  };
}

if (!process.env.KILN_NUMDIFF_DUMP) test("random numeric programs print the same in the interpreter, the Wasm tier and the default policy", () => {
  const interp = runner("interpreter"), wasm = runner("wasm-all"), dflt = runner("default");
  for (let i = 0; i < runs; i++) {
    const text = new Gen(rng(seed0 + i)).program();
    const a = interp(text);
    assert.ok(!a.includes("internal:"), `interpreter failed on:\n${text}\n${a}`);
    const b = wasm(text);
    assert.equal(b, a, `Wasm tier disagrees (seed ${seed0 + i}) on:\n${text}`);
    const c = dflt(text);
    assert.equal(c, a, `default tier disagrees (seed ${seed0 + i}) on:\n${text}`);
  }
});
