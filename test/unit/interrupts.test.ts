// The interrupt mechanism (runtime/interrupts.ts) in both tiers: time and step budgets, a flag
// set from outside, Scheme handlers cannot catch it, and the runtime stays usable afterwards.

import { test } from "node:test";
import assert from "node:assert/strict";
import { Runtime } from "../../src/api/runtime.js";
import { sandboxHost } from "../../src/host/sandbox.js";
import { readAll } from "../../src/reader/reader.js";
import { Interrupted, INTERRUPT_ABORT } from "../../src/runtime/interrupts.js";

const tiers = [
  { name: "interpreter", jit: { enabled: false, threshold: 500, debug: false } },
  { name: "jit", jit: { enabled: true, threshold: 0, debug: false } },
];

for (const tier of tiers) {
  const rt = new Runtime(sandboxHost(), { jit: tier.jit });
  const env = rt.newTopLevel();
  const ev = (s: string): unknown => rt.evalForms(readAll(s, "<test>"), env);
  const interrupted = (src: string, reason: string): void => {
    assert.throws(() => ev(src), (e: unknown) => e instanceof Interrupted && e.reason === reason && e.backtrace.length > 0);
  };

  test(`${tier.name}: a time budget stops a runaway loop, then the runtime goes on`, () => {
    rt.interrupts.setBudget({ ms: 50 });
    interrupted("(let loop () (loop))", "timeout");
    rt.interrupts.clearBudget();
    assert.equal(ev("(+ 1 2)"), 3);
  });

  test(`${tier.name}: a step budget counts calls and loop iterations`, () => {
    rt.interrupts.setBudget({ steps: 100_000 });
    assert.equal(ev("(let loop ((i 0)) (if (< i 1000) (loop (+ i 1)) i))"), 1000);
    interrupted("(define (f) (g)) (define (g) (f)) (f)", "steps");
    rt.interrupts.clearBudget();
  });

  test(`${tier.name}: guard cannot catch an interrupt`, () => {
    rt.interrupts.setBudget({ ms: 30 });
    interrupted("(guard (e (#t (let loop () (loop)))) (let loop () (loop)))", "timeout");
    interrupted("(with-exception-handler (lambda (e) 0) (lambda () (let loop () (loop))))", "timeout");
    rt.interrupts.clearBudget();
    assert.equal(ev("(guard (e (#t 'caught)) (raise 'x))"), ev("'caught"));
  });

  test(`${tier.name}: the shared flag aborts, and clear() resets it`, () => {
    rt.interrupts.request(INTERRUPT_ABORT);
    interrupted("(let loop ((n 0)) (loop (+ n 1)))", "abort");
    rt.interrupts.clear();
    assert.equal(ev("(define (h n) (if (= n 0) 0 (+ 1 (h (- n 1))))) (h 100000)"), 100000);
  });

  test(`${tier.name}: dynamic state is restored after an interrupt inside dynamic-wind`, () => {
    rt.interrupts.setBudget({ ms: 30 });
    interrupted("(dynamic-wind (lambda () #f) (lambda () (let loop () (loop))) (lambda () #f))", "timeout");
    rt.interrupts.clearBudget();
    assert.equal(ev("(call/cc (lambda (k) (dynamic-wind (lambda () #f) (lambda () (k 5)) (lambda () #f))))"), 5);
  });
}
