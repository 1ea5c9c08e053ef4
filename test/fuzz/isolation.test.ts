// Isolation between instances (issue 9): two runtimes share no mutable state. One redefines
// every builtin it can (set! in its core environment, define at its top level) and plants
// ports and handlers; the other must run exactly as a fresh instance does. Discarded
// instances leave the heap and the symbol table where they were (in a child with --expose-gc).

import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createKiln } from "../../src/api/index.js";

/** Exercises the derived forms' helpers, records, parameters, ports and handlers. */
const PROBE = `
(define-values (user pw) (values "alice" "hunter2"))
(define-values (a . rest) (values 1 2 3))
(define-record-type point (make-point x y) point? (x point-x) (y point-y set-point-y!))
(define p (make-point 1 2))
(set-point-y! p 5)
(define param (make-parameter 10))
(define out (open-output-string))
(write 'to-string out)
(display "printed")
(newline)
(list user pw a rest
      \`(1 ,@(list 2 3) #(4 ,(+ 2 3)) ,(car '(x)))
      (let-values (((q r) (floor/ 17 5)) ((s) (values 9))) (list q r s))
      (let*-values (((a b) (values 1 2)) ((c) (values (+ a b)))) c)
      (case 3 ((1 2) 'low) ((3 4) 'mid) (else 'high))
      (case 'z ((a) 1) (else => (lambda (x) x)))
      (point? p) (point-x p) (point-y p)
      (parameterize ((param 20)) (param)) (param)
      (guard (e ((string? e) (string-append "caught " e))) (raise "oops"))
      (guard (e ((error-object? e) (error-object-message e))) (error "bad" 1))
      (call-with-current-continuation (lambda (k) (dynamic-wind (lambda () #f) (lambda () (k 'escaped)) (lambda () #f))))
      (do ((i 0 (+ i 1)) (acc '() (cons i acc))) ((= i 3) acc))
      (force (delay (+ 1 2)))
      ((case-lambda ((x) 'one) ((x y) 'two)) 1 2)
      (map + '(1 2) '(10 20)) (vector-map (lambda (x) (* x x)) #(1 2 3))
      (apply max 1 2 '(7 3)) (assoc 2 '((1 . a) (2 . b))) (memv 3 '(1 2 3 4))
      (string->symbol "fresh-symbol") (symbol->string 'abc)
      (get-output-string out) (read-line) (read-char) (char-ready?)
      (with-exception-handler (lambda (e) 42) (lambda () (+ 1 (raise-continuable 'c))))
      (eq? 'abc (string->symbol "abc")) (equal? (vector 1 "a") (vector 1 "a")))
`;

const ATTACKS = [
  "(current-input-port (open-input-string \"planted\"))",
  "(define planted (open-input-string \"planted input\"))",
  "(set! current-input-port (lambda args planted))",
  "(set! current-output-port (lambda args (open-output-string)))",
  "(with-exception-handler (lambda (e) 'hijacked) (lambda () (raise-continuable 1)))",
  "(set-car! '(1 2) 'mutated-literal)",
  "(vector-set! #(1 2 3) 0 'mutated-literal)",
  "(string-set! (symbol->string 'abc) 0 #\\z)",
  "(close-port (current-output-port)) (close-port (current-input-port)) (close-port (current-error-port))",
];

test("an instance that redefines every builtin and plants ports leaves another untouched", () => {
  const expected = createKiln().evaluate(PROBE);
  assert.equal(expected.ok, true, expected.error);
  assert.match(expected.output, /^printed\n$/);

  const a = createKiln();
  const b = createKiln();
  // B redefines every global of its core environment, by set! (its builtins) and by define.
  const names: string[] = [];
  for (const [id, binding] of b.runtime.core.map) {
    if (binding.kind === "global") names.push(String((id as { name?: string }).name ?? id));
  }
  assert.ok(names.length > 300, `only ${names.length} builtins found`);
  const bar = (n: string): string => `|${n.replace(/[|\\]/g, (c) => "\\" + c)}|`;
  for (const attack of ATTACKS) b.evaluate(attack);
  for (const n of names) {
    b.evaluate(`(set! ${bar(n)} (lambda args 'hijacked))`);
    b.evaluate(`(define ${bar(n)} (lambda args 'hijacked))`);
  }
  assert.equal(b.evaluate("(car '(1 2))").value, "hijacked", "the attacker's own builtins should be replaced");

  const got = a.evaluate(PROBE);
  assert.equal(got.ok, true, got.error);
  assert.equal(got.value, expected.value);
  assert.equal(got.output, expected.output);
  // And a third instance made after the attack is fresh too.
  const c = createKiln().evaluate(PROBE);
  assert.equal(c.value, expected.value);
  assert.equal(c.output, expected.output);
});

test("output and input belong to their instance", () => {
  const a = createKiln(), b = createKiln();
  const ra = a.evaluate('(display "from a") (read-line)');
  const rb = b.evaluate('(display "from b") (write-string "more b" (current-error-port))');
  assert.equal(ra.output, "from a");
  assert.equal(ra.value, "#<eof>");
  assert.equal(rb.output, "from bmore b");
  assert.equal(a.evaluate('(display "again")').output, "again");
});

const here = path.dirname(fileURLToPath(import.meta.url));

// 20 instances in npm test (start-up dominates); KILN_FUZZ_INSTANCES=100 for the figure.
const INSTANCES = Number(process.env.KILN_FUZZ_INSTANCES ?? 20) || 20;

test(`${INSTANCES} discarded instances leave the heap and the symbol table where they were`, () => {
  const r = spawnSync(process.execPath, ["--expose-gc", path.join(here, "heap-child.js"), "--measure", String(INSTANCES)],
    { encoding: "utf8", timeout: 600_000 });
  assert.equal(r.status, 0, r.stderr);
  const m = JSON.parse(r.stdout.trim().split("\n").pop()!) as
    { heapBefore: number; heapAfter: number; symbolsBefore: number; symbolsPeak: number; symbolsAfter: number };
  // Each instance interned 10,000 fresh symbols; none may stay once the instances are gone.
  assert.ok(m.symbolsPeak - m.symbolsBefore >= 10_000, JSON.stringify(m));
  assert.ok(m.symbolsAfter - m.symbolsBefore < 1_000, `symbols left behind: ${JSON.stringify(m)}`);
  assert.ok(m.heapAfter - m.heapBefore < 8 * 1024 * 1024, `heap grew: ${JSON.stringify(m)}`);
});
