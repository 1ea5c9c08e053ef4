// Size limits (issue 9): every size-taking procedure checks against the limit of the JS
// structure it builds and raises a Scheme error; circular program text is a syntax error.
// None of these may end or hang the host process.
// The programs run in a child process (test/fuzz/child.ts), so a regression fails a test
// instead of killing the test runner.

import { test } from "node:test";
import assert from "node:assert/strict";
import { evaluateInChild } from "../fuzz/child.js";

const cases: [string, RegExp][] = [
  ["(make-vector 113000000 0)", /make-vector: size out of range/],
  ["(make-vector (expt 2 70))", /make-vector: size out of range/],
  ["(make-string 300000000 #\\x1F600)", /make-string: size out of range/],
  ["(make-string 600000000 #\\a)", /make-string: size out of range/],
  ["(make-bytevector (expt 2 40) 0)", /make-bytevector: size out of range/],
  ["(make-list -1)", /make-list: size out of range/],
  ["(let ((v (make-vector 1000000 0))) (apply vector-append (make-list 70 v)))", /vector-append: result too long/],
  ["(apply string-append (make-list 60 (make-string 10000000 #\\a)))", /string-append: result too long/],
  ["(apply string-append (make-list 70 (make-string 1000000 #\\x1F600)))", /string-append: result too long/],
  ["(string->vector (make-string 70000000 #\\a))", /string->vector: result too long/],
  ["(let ((s (make-string 70000000 #\\a))) (string-set! s 0 #\\b))", /string too long to hold as code points/],
  ["(let ((p (open-output-string)) (s (make-string 10000000 #\\a))) (let loop ((i 0)) (write-string s p) (loop (+ i 1))))", /string too long/],
  ["(apply car (make-list 130000 1))", /car: wrong number of arguments: expected 1 argument, got 130000: \(1 1 1 /],
  ["((lambda (x) x) 1 2)", /wrong number of arguments: expected 1 argument, got 2: \(1 2\)/],
  // Circular program text (the reproductions of issue 9): a syntax error, at once.
  ["(guard . #0=(x . #0#))", /guard: circular program text/],
  ["(define p (make-parameter 1)) (parameterize #0=((p 1) . #0#) 1)", /parameterize: circular program text/],
  ["(define-syntax m (syntax-rules () ((_ x ...) 1))) (m . #0=(a . #0#))", /m: circular program text/],
  ["(import (srfi 26)) (cut . #0=(list . #0#))", /cut: circular program text/],
  ["(define-values #0=(a . #0#) 1)", /define-values: circular program text/],
  // Nesting past what the recursive expander fits in this thread's stack: said plainly.
  ["(define x '(1)) " + "(car ".repeat(100_000) + "x" + ")".repeat(100_000), /car: nesting too deep to compile: the expander ran out of JavaScript stack at nesting depth \d+/],
  ["((lambda () ".repeat(100_000) + "1" + "))".repeat(100_000), /nesting too deep to compile: the expander ran out of JavaScript stack/],
];

/** Large but flat forms compile and run. */
const flat: [string, string][] = [
  ["(length `(" + "a ".repeat(100_000) + "))", "100000"],
  ["(length (list " + "1 ".repeat(100_000) + "))", "100000"],
  ["(when #t " + "(+ 1 2) ".repeat(100_000) + ")", "3"],
  // or, and, cond, case and let* nest in the core IR but expand and compile in a loop.
  ["(or " + "#f ".repeat(100_000) + "1)", "1"],
  ["(and " + "#t ".repeat(100_000) + "2)", "2"],
  ["(cond " + "(#f 1) ".repeat(100_000) + "(else 3))", "3"],
  ["(let* (" + "(a 4) ".repeat(100_000) + ") a)", "4"],
];

test("size arguments past a structure's limit raise Scheme errors, in a host that survives", async () => {
  const run = await evaluateInChild(cases.map(([src]) => src), { timeoutMs: 120_000 });
  assert.equal(run.timedOut, false, "the child timed out");
  assert.equal(run.results.length, cases.length, `the child died (status ${run.status}, signal ${run.signal}):\n${run.stderr.slice(0, 2000)}`);
  run.results.forEach((r, i) => {
    const [src, expected] = cases[i];
    assert.equal(r.ok, false, `${src} should fail`);
    assert.match(r.error, expected, src);
    assert.doesNotMatch(r.error, /internal error/, src);
  });
  assert.equal(run.status, 0);
});

test("flat forms of 100,000 elements compile, and or, and, cond, let* of 100,000 operands", async () => {
  const run = await evaluateInChild(flat.map(([src]) => src), { timeoutMs: 300_000 });
  assert.equal(run.results.length, flat.length, `the child died (status ${run.status}, signal ${run.signal}):\n${run.stderr.slice(0, 2000)}`);
  run.results.forEach((r, i) => assert.equal(r.value, flat[i][1], r.error));
});
