// The Wasm tier (src/wasm): which procedures it compiles, that their results are exactly the
// interpreter's (fixnum overflow into bignums, exactness, -0.0, NaN, infinities), leaving Wasm
// through guards with the frames intact, wrappers falling back to JS for other argument kinds,
// globals redefined, interrupts in Wasm loops, and the disassembly.
import { test } from "node:test";
import assert from "node:assert/strict";
import { Runtime } from "../../src/api/runtime.js";
import { sandboxHost } from "../../src/host/sandbox.js";
import { writeString } from "../../src/runtime/printer.js";
import type { Value } from "../../src/runtime/values.js";
import { Interrupted } from "../../src/runtime/interrupts.js";
import type { WasmMode } from "../../src/wasm/tier.js";
import { vectorMemory } from "../../src/wasm/vector-memory.js";
import { Closure } from "../../src/bytecode/code.js";
import { Kind, planModule } from "../../src/wasm/analyze.js";
import { compileModule } from "../../src/wasm/codegen-wasm.js";
import { disassembleWasm } from "../../src/wasm/disassemble.js";

function runtime(wasm: WasmMode, threshold = 0): Runtime {
  return new Runtime(sandboxHost(), { jit: { enabled: true, threshold, debug: false, wasm } });
}
const interp = (): Runtime => new Runtime(sandboxHost(), { jit: { enabled: false, threshold: 0, debug: false } });
const run = (rt: Runtime, text: string): string => writeString(rt.runProgram(text, "wasm-test.scm"), "write");

/** The same program in the interpreter and with every eligible procedure in Wasm: same value. */
function same(text: string, expectCompiled = true): Runtime {
  const rt = runtime("all");
  const want = run(interp(), text);
  assert.equal(run(rt, text), want, text);
  if (expectCompiled) assert.ok(rt.jit.wasm.stats.compiled > 0, `nothing compiled to Wasm:\n${text}`);
  return rt;
}

const FIB = "(define (fib n) (if (< n 2) n (+ (fib (- n 1)) (fib (- n 2)))))";

test("fixnum and flonum recursion and loops compile and agree with the interpreter", () => {
  same(`${FIB} (fib 20)`);
  same("(define (fibfp n) (if (< n 2.) n (+ (fibfp (- n 1.)) (fibfp (- n 2.))))) (fibfp 20.)");
  same("(define (tak x y z) (if (not (< y x)) z (tak (tak (- x 1) y z) (tak (- y 1) z x) (tak (- z 1) x y)))) (tak 18 12 6)");
  same("(define (sum n) (let loop ((i 0) (s 0.)) (if (> i n) s (loop (+ i 1) (+ s i))))) (sum 1000)");
  same(`(define (count r i)
          (let loop ((zr r) (zi i) (k 0))
            (if (or (= k 200) (> (+ (* zr zr) (* zi zi)) 4.0)) k
                (loop (+ (- (* zr zr) (* zi zi)) r) (+ (* 2.0 zr zi) i) (+ k 1)))))
        (list (count 0.1 0.2) (count -0.5 0.5) (count 1.0 1.0))`);
});

test("guards leave Wasm with exact results: bignums, exactness, -0.0, NaN, infinities", () => {
  const rt = same("(define (fact n) (if (= n 0) 1 (* n (fact (- n 1))))) (list (fact 10) (fact 30))");
  assert.ok(rt.jit.wasm.stats.deopts >= 1, "the product overflowed in Wasm and left");
  same("(define (grow x) (let loop ((i 0) (x x)) (if (= i 70) x (loop (+ i 1) (+ x x))))) (grow 1)");
  same("(define (sub x) (let loop ((i 0) (x x)) (if (= i 3) x (loop (+ i 1) (- x 4503599627370496))))) (sub 0)");
  same("(define (f x y) (let loop ((i 0) (a x)) (if (= i 3) a (loop (+ i 1) (* a y))))) (list (f -0.0 1.5) (f 0 1.5) (f 1.5 0) (f +nan.0 2.5) (f +inf.0 -0.5) (f 1e300 1e10))");
  same("(define (g x) (let loop ((i 0) (a x)) (if (= i 2) a (loop (+ i 1) (/ a 0.))))) (list (g 1.5) (g -1.5) (g 0.5))");
  same("(define (h x) (let loop ((i 0) (a x)) (if (= i 2) a (loop (+ i 1) (sqrt a))))) (list (h 16.5) (h -4.5))");
  same("(define (e x) (let loop ((i 0) (a x)) (if (= i 2) (exact a) (loop (+ i 1) (* a 2.))))) (list (e 1.5) (e 0.25) (e 0.1))");
  same("(define (q a b) (let loop ((i 0) (a a)) (if (= i 2) a (loop (+ i 1) (list-tail-free a b))))) (define (list-tail-free a b) (modulo a b)) (list (q 7 -2) (q -7 2))");
  same("(define (m a b) (let loop ((i 0) (a a)) (if (= i 1) a (loop (+ i 1) (quotient a b))))) (guard (e (#t 'raised)) (m 7 0))");
});

test("the frames below a failed guard continue in the interpreter", () => {
  // The guard fails 40 Wasm frames deep, under non-tail calls.
  same(`(define (deep n acc) (if (= n 0) (* acc acc acc) (+ 1 (deep (- n 1) acc))))
        (list (deep 40 3) (deep 40 4503599627370496))`);
  same(`(define (f n) (if (= n 0) 0 (+ n (f (- n 1))))) (f 20000)`);
});

test("wrappers run JS for other argument kinds; globals redefined are noticed", () => {
  same(`${FIB} (list (fib 15) (fib 15.) (fib 2.5) (fib 12))`);
  same(`(define (sq x) (let loop ((i 0) (s 0)) (if (= i x) s (loop (+ i 1) (+ s x)))))
        (list (sq 10) (sq 10.) (guard (e (#t 'raised)) (sq 'a)))`);
  same(`(define (twice x) (* x 2)) (define (g n) (let loop ((i 0) (s 0)) (if (= i n) s (loop (+ i 1) (twice s)))))
        (define a (g 3)) (set! twice (lambda (x) (- x 1))) (list a (g 3))`);
});

test("f64vector kernels run in Wasm on the vectors in place", () => {
  const rt = same(`(import (srfi 160 f64))
        (define (dot a b) (let loop ((i 0) (s 0.)) (if (= i (f64vector-length a)) s (loop (+ i 1) (+ s (* (f64vector-ref a i) (f64vector-ref b i)))))))
        (define (scale! a k) (let loop ((i 0)) (if (< i (f64vector-length a)) (begin (f64vector-set! a i (* k (f64vector-ref a i))) (loop (+ i 1))))))
        (define x (make-f64vector 100 0.5)) (define y (make-f64vector 100 4.))
        (scale! x 3) (list (dot x y) (f64vector-ref x 99) (guard (e (#t (error-object-message e))) (f64vector-ref x 100)))`);
  assert.ok(rt.jit.wasm.stats.compiled >= 2);
  same(`(import (srfi 160 f64)) (define (at v i) (let loop ((k 0)) (if (= k 1) (f64vector-ref v i) (loop (+ k 1)))))
        (define v (f64vector 1 2)) (list (at v 1) (guard (e (#t 'out-of-range)) (at v 2)) (guard (e (#t 'negative)) (at v -1)))`);
});

test("a procedure whose tail call is a vector-set! (an unspecified result) compiles to a valid module", () => {
  // Its tail call pushed no value before return: WebAssembly.Module rejected the module
  // ("expected 1 elements on the stack for return") and the procedure stayed in JS.
  const text = `(import (srfi 160 s8) (srfi 160 f64))
        (define s (make-s8vector 2 0)) (define v (make-f64vector 2 0.))
        (define (put! i x) (s8vector-set! s i x)) (define (fput! i x) (f64vector-set! v i x))
        (put! 1 12) (fput! 0 2.5) (list (s8vector-ref s 1) (f64vector-ref v 0) (guard (e (#t 'range)) (put! 0 200)))`;
  const rt = runtime("all");
  rt.jit.wasm.listing = [];
  assert.equal(run(rt, text), run(interp(), text));
  const listing = rt.jit.wasm.listing.join("\n");
  assert.match(listing, /;; put! /);
  assert.match(listing, /;; fput! /);
});

test("named let and do loops inside a procedure are compiled into its module", () => {
  const rt = same(`(define (dot n) (do ((i 0 (+ i 1)) (s 0. (+ s (* i 0.5)))) ((= i n) s)))
        (define (grid n) (let outer ((i 0) (acc 0)) (if (= i n) acc (outer (+ i 1) (let inner ((j 0) (a acc)) (if (= j i) a (inner (+ j 1) (+ a j))))))))
        (list (dot 100) (grid 30))`);
  rt.jit.wasm.listing = [];
  run(rt, "(define (sq n) (let loop ((i 0) (s 0)) (if (= i n) s (loop (+ i 1) (+ s (* i i)))))) (sq 10)");
  // sq and its loop in one module: two functions, the loop taking the captured n after its own parameters.
  assert.match(rt.jit.wasm.listing.join("\n"), /\$sq#0 \(param i64 i32\)[^]*\$loop#1 \(param i64 i64 i64 i32\)/);
});

test("a guard failing in an inner loop continues in the interpreter with its closures", () => {
  // The product leaves the fixnum range inside the inner loop: its frame (and the outer
  // procedure's, suspended at the call) go to the interpreter, closures made again.
  const rt = same(`(define (powers base n)
          (let outer ((i 0) (acc 0))
            (if (= i n) acc (outer (+ i 1) (+ acc (let inner ((j 0) (p 1)) (if (= j i) p (inner (+ j 1) (* p base)))))))))
        (list (powers 10 5) (powers 10 25) (powers -3 40))`);
  assert.ok(rt.jit.wasm.stats.deopts >= 1);
  same(`(define (f x n) (do ((i 0 (+ i 1)) (s x (+ s (let loop ((k 0) (y s)) (if (= k 3) y (loop (+ k 1) (* y 2.))))))) ((= i n) s)))
        (list (f -0.0 3) (f 1e300 3) (f +nan.0 1) (f 1 2))`);
});

test("a loop compiled alone leaves Wasm for its tail call into an enclosing loop", () => {
  // With a threshold of 40, the inner grid loop (900 iterations) is hot long before the procedure
  // (called once) or the outer loop (30 iterations): it is compiled with the free variable
  // holding the outer loop, which it tail-calls through the interpreter.
  const text = `(define (count cr ci) (let loop ((zr 0.) (zi 0.) (i 0))
          (if (or (= i 50) (> (+ (* zr zr) (* zi zi)) 4.)) i (loop (+ (- (* zr zr) (* zi zi)) cr) (+ (* 2. zr zi) ci) (+ i 1)))))
        (define (grid size)
          (let ((step (/ 3. size)))
            (let yl ((y 0) (t 0)) (if (= y size) t
              (let xl ((x 0) (t t)) (if (= x size) (yl (+ y 1) t) (xl (+ x 1) (+ t (count (- (* x step) 2.) (- (* y step) 1.5))))))))))
        (grid 30)`;
  const rt = runtime("on", 40);
  rt.jit.wasm.listing = [];
  assert.equal(run(rt, text), run(interp(), text));
  assert.match(rt.jit.wasm.listing.join("\n"), /;; xl /);
  assert.equal(rt.jit.wasm.stats.deopts, 0);
});

test("a tail call out of Wasm from the entry frame is an ordinary tail call, not a reification", () => {
  // fft's bit-reversal shape: an inner loop (in Wasm) ending in a tail call to its enclosing
  // loop (JS tier, it reads a vector). Leaving must not hand the frame to the interpreter.
  const text = `(define v (make-vector 64 1))
        (define (f n)
          (let loop ((i 0) (j 0) (acc 0))
            (if (< i n)
                (let ((x (vector-ref v (modulo i 64))))
                  (let bit ((m 8) (j j))
                    (if (and (>= m 1) (>= j m))
                        (bit (quotient m 2) (- j m))
                        (loop (+ i 1) (+ j m) (+ acc j x)))))
                acc)))
        (f 20000)`;
  const rt = runtime("on", 40);
  rt.jit.wasm.listing = [];
  assert.equal(run(rt, text), run(interp(), text));
  assert.match(rt.jit.wasm.listing.join("\n"), /;; bit /);
  assert.ok(rt.jit.stats.reifications < 50, `${rt.jit.stats.reifications} reifications`);
});

test("s32, u8, s16, f32 vectors and large bytevectors are read and written in place", () => {
  const rt = same(`(import (srfi 160 s32) (srfi 160 u8) (srfi 160 s16) (srfi 160 f32))
        (define (fill! v x) (do ((i 0 (+ i 1))) ((= i (s32vector-length v))) (s32vector-set! v i (+ x i))))
        (define (sum v) (let loop ((i 0) (s 0)) (if (= i (s32vector-length v)) s (loop (+ i 1) (+ s (s32vector-ref v i))))))
        (define (bsum b) (let loop ((i 0) (s 0)) (if (= i (bytevector-length b)) s (loop (+ i 1) (+ s (bytevector-u8-ref b i))))))
        (define (bfill! b) (do ((i 0 (+ i 1))) ((= i (bytevector-length b))) (bytevector-u8-set! b i (modulo i 256))))
        (define v (make-s32vector 4 0)) (define b (make-bytevector 1000 0))
        (fill! v 2147483644) (bfill! b)
        (list (sum v) (bsum b) (bsum (bytevector 1 2 255)) (guard (e (#t 'range)) (fill! v 2147483645)) (s32vector->list v)
              (guard (e (#t 'range)) (fill! v -2147483649)) (bytevector-u8-ref b 999))`);
  assert.ok(rt.jit.wasm.stats.deopts >= 1, "the store out of the s32 range left Wasm");
  const mem = vectorMemory()!;
  assert.ok(mem.holds(rt.runProgram("(make-bytevector 300 7)", "t.scm")), "a large bytevector is in the vector memory");
  assert.ok(!mem.holds(rt.runProgram("(make-bytevector 3 7)", "t.scm")), "a small one is not");
});

test("the policy: only numeric code, and leaves only in the test mode", () => {
  const rt = runtime("on");
  run(rt, "(define (len l) (if (null? l) 0 (+ 1 (len (cdr l))))) (define (sq x) (* x x)) (list (len '(1 2 3)) (sq 3))");
  assert.equal(rt.jit.wasm.stats.compiled, 0);
  // Inner loops called non-tail are no recursion: the default policy compiles them.
  const on = runtime("on");
  run(on, "(define (tri n) (do ((i 0 (+ i 1)) (s 0 (+ s (do ((j 0 (+ j 1)) (t 0 (+ t j))) ((= j i) t))))) ((= i n) s))) (tri 10)");
  assert.equal(on.jit.wasm.stats.compiled, 1);
  run(on, `${FIB} (fib 15)`);
  assert.equal(on.jit.wasm.stats.compiled, 2, "shallow recursion goes to Wasm");
  // A deep one leaves at Wasm's depth cap; after two such exits the procedure stays in JS.
  const refused = on.jit.wasm.stats.refused;
  const ups = on.runProgram("(define (up n) (if (= n 0) 0 (+ 1 (up (- n 1))))) (vector (list (up 100000) (up 100000) (up 100000) (up 10)) up)", "wasm-test.scm") as Value[];
  assert.equal(writeString(ups[0], "write"), "(100000 100000 100000 10)");
  assert.ok(on.jit.wasm.stats.refused > refused, "deep recursion went back to the JS tier");
  // ... to the JS tier's function compiled with the module, installed again: `up` is compiled
  // once, as when it stays shallow.
  assert.match(String((ups[1] as Closure).code.jit?.name), /^kiln_\d+$/, "the JS function is installed again");
  const shallow = runtime("on"), deep = runtime("on");
  const compilations = (rt: Runtime, n: number): number => {
    const before = rt.jit.stats.compiled;
    run(rt, `(define (up n) (if (= n 0) 0 (+ 1 (up (- n 1))))) (list (up ${n}) (up ${n}) (up ${n}) (up 10))`);
    return rt.jit.stats.compiled - before;
  };
  assert.equal(compilations(deep, 100000), compilations(shallow, 10), "not compiled again after leaving Wasm");
  const all = runtime("all");
  run(all, "(define (sq x) (* x x)) (sq 3)");
  assert.equal(all.jit.wasm.stats.compiled, 1);
  const off = runtime("off");
  run(off, `${FIB} (fib 15)`);
  assert.equal(off.jit.wasm.stats.compiled, 0);
});

test("a Wasm loop polls for interrupts (a step budget stops it)", () => {
  const rt = runtime("all");
  rt.vm.interrupts.setBudget({ steps: 100_000 });
  assert.throws(() => run(rt, "(define (spin i)\n  (spin (+ i 1)))\n(spin 0)"), (e: unknown) => {
    // The frame left Wasm before the interrupt was raised: the backtrace shows the loop.
    assert.ok(e instanceof Interrupted);
    assert.equal(e.backtrace[0]?.line, 2, JSON.stringify(e.backtrace));
    return true;
  });
  rt.vm.interrupts.clearBudget();
  assert.ok(rt.jit.wasm.stats.compiled >= 1);
  assert.equal(run(rt, `${FIB} (fib 10)`), "55");
});

test("compiled modules disassemble", () => {
  const rt = runtime("all");
  rt.jit.wasm.listing = [];
  run(rt, `${FIB} (fib 10)`);
  const text = rt.jit.wasm.listing.join("\n");
  assert.match(text, /\(func 1 \$fib#0 \(param i64 i32\) \(result i64\)/);
  assert.match(text, /i64\.add/);
  assert.match(text, /\(export "entry"/);
});

test("element-wise f64vector loops: an f64x2 module that validates, and the scalar module without SIMD", () => {
  const rt = interp();
  const clo = rt.runProgram(`(import (srfi 160 f64)) (define (axpy! y x a i n)
      (if (< i n) (begin (f64vector-set! y i (+ (* a (f64vector-ref x i)) (f64vector-ref y i))) (axpy! y x a (+ i 1) n))))
    axpy!`, "simd-test.scm") as Closure;
  const plan = planModule(clo, ["V", "V", "F", "I", "I"]);
  const simd = compileModule(plan, { simd: true });
  assert.ok(WebAssembly.validate(simd.bytes));
  assert.deepEqual(simd.simdLoops, ["axpy!#0: r0[i] = (add (mul r2 r1[i]) r0[i]) while i lt r4"]);
  const text = disassembleWasm(simd.bytes);
  for (const op of ["f64x2.splat", "v128.load", "f64x2.mul", "f64x2.add", "v128.store"]) assert.ok(text.includes(op), op);
  const scalar = compileModule(plan, { simd: false });
  assert.ok(WebAssembly.validate(scalar.bytes));
  assert.deepEqual(scalar.simdLoops, []);
  assert.ok(!disassembleWasm(scalar.bytes).includes("f64x2"));
  // Not the shape: a reduction, an access at i + 1, a changing vector, fixnum arithmetic.
  for (const [src, kinds] of [
    ["(define (dot x y i n s) (if (< i n) (dot x y (+ i 1) n (+ s (* (f64vector-ref x i) (f64vector-ref y i)))) s)) dot", ["V", "V", "I", "I", "F"]],
    ["(define (sh! y i n) (if (< i n) (begin (f64vector-set! y i (f64vector-ref y (+ i 1))) (sh! y (+ i 1) n)))) sh!", ["V", "I", "I"]],
    ["(define (sw! y x i n) (if (< i n) (begin (f64vector-set! y i (f64vector-ref x i)) (sw! x y (+ i 1) n)))) sw!", ["V", "V", "I", "I"]],
    ["(define (ix! y i n) (if (< i n) (begin (f64vector-set! y i (* i 2)) (ix! y (+ i 1) n)))) ix!", ["V", "I", "I"]],
  ] as [string, Kind[]][]) {
    const c = interp().runProgram(`(import (srfi 160 f64)) ${src}`, "simd-test.scm") as Closure;
    assert.deepEqual(compileModule(planModule(c, kinds), { simd: true }).simdLoops, [], src);
  }
});

test("element-wise loops give the scalar loop's bits, with SIMD and without", () => {
  const program = `(import (srfi 160 f64))
    (define (kernel! d a b k n)
      (do ((i 0 (+ i 1))) ((= i n))
        (f64vector-set! d i (+ (* k (f64vector-ref a i)) (/ (f64vector-ref b i) (- (f64vector-ref a i))) (sqrt (abs (f64vector-ref b i)))))))
    (define a (f64vector 1.5 -0.0 0.0 +nan.0 +inf.0 -inf.0 -2.5 1e308 -1e-320 3. 7.))
    (define b (f64vector 2. 0.0 -0.0 1. -inf.0 +inf.0 +nan.0 1e308 -0.0 -3. -0.0))
    (define (run n) (let ((d (make-f64vector 11 9.))) (kernel! d a b -0.5 n) (map number->string (f64vector->list d))))
    (list (run 11) (run 10) (run 1) (run 0) (kernel! a a a 2. 11) (map number->string (f64vector->list a)))`;
  const want = run(interp(), program);
  for (const simd of [true, false]) {
    const rt = runtime("all");
    rt.jit.wasm.simd = simd;
    rt.jit.wasm.listing = [];
    assert.equal(run(rt, program), want, `simd ${simd}`);
    assert.equal(rt.jit.wasm.listing.join("\n").includes("f64x2.add"), simd);
  }
});

test("a step budget stops an element-wise SIMD loop at an iteration boundary", () => {
  const rt = runtime("all");
  const env = rt.newTopLevel();
  rt.runProgram("(import (srfi 160 f64)) (define v (make-f64vector 3000000 1.))", "simd-test.scm", env);
  rt.jit.wasm.listing = [];
  rt.vm.interrupts.setBudget({ steps: 100_000 });
  assert.throws(() => rt.runProgram("(define (inc! v n)\n  (do ((i 0 (+ i 1))) ((= i n)) (f64vector-set! v i (+ (f64vector-ref v i) 1.))))\n(inc! v 3000000)", "simd-test.scm", env),
    (e: unknown) => {
      assert.ok(e instanceof Interrupted, String(e));
      assert.equal(e.backtrace[0]?.line, 2, JSON.stringify(e.backtrace));
      return true;
    });
  rt.vm.interrupts.clearBudget();
  assert.match(rt.jit.wasm.listing.join("\n"), /f64x2\.add/);
  // The elements done form a prefix: 2.0 up to some index, 1.0 after it.
  const v = rt.runProgram("v", "simd-test.scm", env) as Float64Array;
  const done = v.indexOf(1);
  assert.ok(done > 0 && done < v.length, `stopped at ${done}`);
  for (let i = 0; i < v.length; i += 997) assert.equal(v[i], i < done ? 2 : 1, `element ${i}`);
  assert.equal(v[done - 1], 2);
});

test("a loop whose index stays in range gets a copy without the guards it proves", () => {
  const src = `(import (srfi 160 f64)) (define n 200) (define a (make-f64vector (* n n) 1.5))
    (define (dot i j k s) (if (= k n) s (dot i j (+ k 1) (+ s (* (f64vector-ref a (+ (* i n) k)) (f64vector-ref a (+ (* k n) j)))))))
    dot`;
  const clo = interp().runProgram(src, "ranges-test.scm") as Closure;
  const plan = planModule(clo, ["I", "I", "I", "F"]);
  const on = compileModule(plan, { simd: true, induction: true }), off = compileModule(plan, { simd: true, induction: false });
  assert.ok(WebAssembly.validate(on.bytes) && WebAssembly.validate(off.bytes));
  // k + 1, (* i n), (+ (* i n) k), (* k n), (+ (* k n) j); the bounds checks stay (i, j are only known within +-2^31).
  assert.deepEqual(on.inductionLoops, ["dot#0: without 0 bounds checks and 5 fixnum range guards"]);
  assert.deepEqual(off.inductionLoops, []);
  const count = (b: Uint8Array, op: string): number => disassembleWasm(b).split("\n").filter((l) => l.trim() === op).length;
  // The copy has its own multiplications, without the guards' f64.mul.
  assert.equal(count(on.bytes, "i64.mul"), 2 * count(off.bytes, "i64.mul"));
  assert.equal(count(on.bytes, "f64.abs"), count(off.bytes, "f64.abs"));
  // The same results as the interpreter, at and past the edges of the entry test.
  same(`${src.replace(/\n\s*dot`$/, "")}
    (list (dot 0 0 0 0.) (dot 199 199 0 0.) (dot 2 3 197 0.) (dot 0 0 200 0.)
          (guard (e (#t 'out-of-range)) (dot 200 0 0 0.)) (guard (e (#t 'negative)) (dot -1 0 0 0.))
          (guard (e (#t 'huge)) (dot 2147483648 0 0 0.)) (guard (e (#t 'huger)) (dot 4503599627370496 0 0 0.)))`);
});
