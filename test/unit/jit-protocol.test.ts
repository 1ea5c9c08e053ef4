// Tier 1 keeps the interpreter's promises: deep recursion, tail calls among native procedures,
// re-entrant continuations captured in native code, identical errors and backtraces, and
// deoptimization when a builtin that native code inlined is redefined.
import { test } from "node:test";
import assert from "node:assert/strict";
import { Runtime } from "../../src/api/runtime.js";
import { writeString } from "../../src/runtime/printer.js";
import { Host } from "../../src/host/host.js";
import { UncaughtError } from "../../src/vm/requests.js";

const host: Host = { stdout: () => {}, stderr: () => {}, monotonicMs: () => 0, wallSeconds: () => 0, commandLine: () => [] };
const eager = (): Runtime => new Runtime(host, { jit: { enabled: true, threshold: 0, debug: false } });
const interp = (): Runtime => new Runtime(host, { jit: { enabled: false, threshold: 0, debug: false } });
const run = (rt: Runtime, src: string): string => writeString(rt.runProgram(src, "p.scm"), "write");

test("non-tail recursion 1,000,000 deep inside native code", () => {
  const rt = eager();
  const src = `(define (build n) (if (= n 0) '() (cons n (build (- n 1)))))
    (define (sum l) (if (null? l) 0 (+ (car l) (sum (cdr l))))) (sum (build 1000000))`;
  assert.equal(run(rt, src), "500000500000");
  assert.ok(rt.jit.stats.compiled >= 2);
  assert.ok(rt.jit.stats.reifications > 0, "deep native chains are handed to the interpreter");
});

test("mutual tail recursion 10,000,000 deep and a state machine run in bounded JS stack", () => {
  const rt = eager();
  assert.equal(run(rt, `(define (ev? n) (if (= n 0) #t (od? (- n 1)))) (define (od? n) (if (= n 0) #f (ev? (- n 1)))) (ev? 10000000)`), "#t");
  const machine = `(define (a n acc) (if (= n 0) acc (b (- n 1) (+ acc 1))))
    (define (b n acc) (if (= n 0) acc (c (- n 1) (+ acc 2))))
    (define (c n acc) (if (= n 0) acc (a (- n 1) (+ acc 3)))) (a 3000000 0)`;
  assert.equal(run(rt, machine), "6000000");
});

test("a continuation captured 100,000 native frames deep is re-entered", () => {
  const src = `(define k #f) (define count 0)
    (define (deep n) (if (= n 0) (call/cc (lambda (c) (set! k c) 0)) (+ 1 (deep (- n 1)))))
    (define r (deep 100000)) (set! count (+ count 1)) (if (< count 3) (k 1) (list r count))`;
  assert.equal(run(eager(), src), "(100001 3)");
});

test("generators on call/cc give the same results in both tiers", () => {
  const src = `(define (make-gen lst)
      (define return #f)
      (define (start) (for-each (lambda (x) (call/cc (lambda (k) (set! resume k) (return x)))) lst) (return 'done))
      (define resume #f)
      (lambda () (call/cc (lambda (r) (set! return r) (if resume (resume #f) (start))))))
    (define g (make-gen '(1 2 3))) (let loop ((acc '())) (let ((v (g))) (if (eq? v 'done) (reverse acc) (loop (cons v acc)))))`;
  assert.equal(run(eager(), src), "(1 2 3)");
  assert.equal(run(interp(), src), "(1 2 3)");
});

test("a stored continuation invoked from native code abandons the native frames unspilled", () => {
  // 99 throws from 200 native frames deep: each a Reenter signal, not a Reify (was 99 of them).
  const src = `(define (f)
      (let ((k #f) (n 0))
        (define (down d) (if (= d 0) (k d) (+ 1 (down (- d 1)))))
        (call/cc (lambda (c) (set! k c)))
        (set! n (+ n 1))
        (if (< n 100) (down 200) n)))
    (f)`;
  const rt = eager();
  const before = rt.jit.stats.reifications;
  assert.equal(run(rt, src), "100");
  assert.ok(rt.jit.stats.reifications - before < 10, `${rt.jit.stats.reifications - before} reifications`);
  assert.equal(run(interp(), src), "100");
});

test("a generator reifies once per capture, never per resume", () => {
  const src = `(define (tree->gen tree)
      (define return #f) (define resume #f)
      (define (walk t) (if (pair? t) (begin (walk (car t)) (walk (cdr t)))
                           (call/cc (lambda (k) (set! resume k) (return t)))))
      (lambda () (call/cc (lambda (r) (set! return r) (if resume (resume #f) (begin (walk tree) (return 'done)))))))
    (define (tree d s) (if (= d 0) s (cons (tree (- d 1) s) (tree (- d 1) (+ s (expt 2 (- d 1)))))))
    (define g (tree->gen (tree 10 0)))
    (let loop ((sum 0) (n 0)) (let ((v (g))) (if (eq? v 'done) (list n sum) (loop (+ sum v) (+ n 1)))))`;
  const rt = eager();
  const before = rt.jit.stats.reifications;
  assert.equal(run(rt, src), "(1024 523776)");
  const reified = rt.jit.stats.reifications - before;
  assert.ok(reified <= 2 * 1025 + 10, `${reified} reifications for 1,025 steps`);
  assert.equal(run(interp(), src), "(1024 523776)");
});

test("errors in native code have the interpreter's message and backtrace", () => {
  const src = "(define (f x) (car x))\n(define (h y) (+ 1 (f y)))\n(define (g) (h 5) 2)\n(g)";
  const trace = (rt: Runtime): string => {
    try { rt.runProgram(src, "e.scm"); } catch (e) {
      assert.ok(e instanceof UncaughtError);
      return e.backtrace.map((b) => `${b.name}@${b.line}:${b.column}`).join(" ");
    }
    return "no error";
  };
  const expected = trace(interp());
  assert.equal(expected, "f@1:15 h@2:20 g@3:13");
  assert.equal(trace(eager()), expected);
  assert.equal(run(eager(), `(guard (e (#t (error-object-message e))) (vector-ref (vector 1 2) 7))`), '"vector-ref: index out of range for length 2:"');
});

test("small known procedures are inlined; an error inside one is raised by the procedure itself", () => {
  // f is a pure leaf: h's call to it is inlined (stats.inlined). (h 5) makes the inlined body
  // throw; the call is then made for real, so f raises, with its frame in the backtrace.
  const src = "(define (f x) (car x))\n(define (h y) (+ 1 (f y)))\n(define (g) (h '(1)) (h '(2)) (h 5) 2)\n(g)";
  const trace = (rt: Runtime): string => {
    try { rt.runProgram(src, "e.scm"); } catch (e) {
      assert.ok(e instanceof UncaughtError);
      return `${writeString(e.payload, "display")} | ${e.backtrace.map((b) => `${b.name}@${b.line}:${b.column}`).join(" ")}`;
    }
    return "no error";
  };
  const expected = trace(interp());
  assert.match(expected, /f@1:15 h@2:20 g@3:/);
  const rt = eager();
  assert.equal(trace(rt), expected);
  assert.ok(rt.jit.stats.inlined >= 1, "h inlined its call of f");
  // Redefined, f is called again (the guard fails), and so is a callee whose builtin changed.
  const rt2 = eager();
  assert.equal(run(rt2, `(define (sq x) (* x x)) (define (u x) (+ (sq x) 1)) (define a (u 3)) (set! sq -) (list a (u 3))`), "(10 -2)");
  assert.ok(rt2.jit.stats.inlined >= 1);
});

test("redefining an inlined builtin deoptimizes native code at once", () => {
  const rt = eager();
  const src = `(define (first p) (car p)) (define a (first '(1 2)))
    (set! car cdr) (define b (first '(1 2))) (list a b)`;
  assert.equal(run(rt, src), "(1 (2))");
  assert.ok(rt.jit.stats.deopts >= 1);
});

test("a loop already running in the interpreter continues in native code", () => {
  const rt = new Runtime(host, { jit: { enabled: true, threshold: 500, debug: false } });
  assert.equal(run(rt, "(let loop ((i 0) (acc 0)) (if (= i 100000) acc (loop (+ i 1) (+ acc i))))"), "4999950000");
  assert.equal(rt.jit.stats.compiled, 1);
});
