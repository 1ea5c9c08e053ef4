// The pipeline seen from its API: expand, compile, disassemble and run small programs, and the
// interpreter's promises (tail calls in constant space, deep recursion, re-entrant continuations).
import { test } from "node:test";
import assert from "node:assert/strict";
import { Runtime } from "../../src/api/runtime.js";
import { Host } from "../../src/host/host.js";
import { writeString } from "../../src/runtime/printer.js";
import { readAll } from "../../src/reader/reader.js";
import { disassemble } from "../../src/bytecode/disassembler.js";
import { UncaughtError } from "../../src/vm/requests.js";
import { SyntaxError } from "../../src/expander/errors.js";

const host: Host = {
  stdout: () => {}, stderr: () => {}, monotonicMs: () => 0, wallSeconds: () => 0, commandLine: () => [],
};
const rt = new Runtime(host);
const run = (src: string): string => writeString(rt.runProgram(src, "t.scm"), "write");

test("arithmetic, closures and letrec", () => {
  assert.equal(run("(define (f x) (lambda (y) (+ x y))) ((f 1) 2)"), "3");
  assert.equal(run("(letrec ((ev? (lambda (n) (if (= n 0) #t (od? (- n 1))))) (od? (lambda (n) (if (= n 0) #f (ev? (- n 1)))))) (ev? 101))"), "#f");
  assert.equal(run("(define x 1) (set! x (+ x 1)) x"), "2");
});

test("captured and assigned variables are shared through boxes", () => {
  assert.equal(run("(define (counter) (let ((n 0)) (lambda () (set! n (+ n 1)) n))) (define c (counter)) (c) (c) (c)"), "3");
});

test("tail calls run in constant space (10,000,000 iterations)", () => {
  assert.equal(run("(let loop ((i 0)) (if (< i 10000000) (loop (+ i 1)) i))"), "10000000");
});

test("non-tail recursion 1,000,000 deep", () => {
  assert.equal(run("(define (f n) (if (= n 0) 0 (+ 1 (f (- n 1))))) (f 1000000)"), "1000000");
});

test("re-entering a continuation captured deep in a recursion", () => {
  const src = `
    (define k #f) (define count 0)
    (define (deep n) (if (= n 0) (call/cc (lambda (c) (set! k c) 0)) (+ 1 (deep (- n 1)))))
    (define r (deep 100000))
    (set! count (+ count 1))
    (if (< count 3) (k 1) (list r count))`;
  assert.equal(run(src), "(100001 3)");
});

test("hygiene: a macro's temporary does not capture the user's variable", () => {
  assert.equal(run("(define-syntax my-or (syntax-rules () ((_ a b) (let ((t a)) (if t t b))))) (let ((t 5)) (my-or #f t))"), "5");
  assert.equal(run("(define-syntax my-if (syntax-rules () ((_ c a b) (cond (c a) (else b))))) (let ((else #f)) (my-if #f 1 2))"), "2");
});

test("a redefined inline builtin takes effect in already compiled code", () => {
  assert.equal(run("(define (f p) (car p)) (define a (f '(1 2))) (set! car cdr) (list a (f '(1 2)))"), "(1 (2))");
});

test("errors carry a backtrace and syntax errors a position", () => {
  assert.throws(() => rt.runProgram("(define (f x) (car x))\n(define (g) (f 5) 1)\n(g)", "e.scm"), (e: unknown) => {
    assert.ok(e instanceof UncaughtError);
    assert.deepEqual(e.backtrace.map((b) => b.name).slice(0, 2), ["f", "g"]);
    assert.equal(e.backtrace[0].line, 1);
    return true;
  });
  assert.throws(() => rt.runProgram("(display 1)\n(if)", "s.scm"), (e: unknown) => {
    assert.ok(e instanceof SyntaxError);
    assert.equal(e.pos?.line, 2);
    return true;
  });
});

test("the disassembler names opcodes, registers and source lines", () => {
  const clo = rt.compile(readAll("(define (add1 x) (+ x 1))", "d.scm"), rt.newTopLevel());
  const text = disassemble(clo.code).join("\n");
  assert.match(text, /procedure add1 at d\.scm:1:1/);
  assert.match(text, /ADD\s+r\d+ r0 r\d+ k\d+\s+; r0=x/);
  assert.match(text, /RET/);
});
