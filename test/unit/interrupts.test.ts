// The interrupt mechanism (runtime/interrupts.ts) in both tiers: time and step budgets, a flag
// set from outside, Scheme handlers cannot catch it, and the runtime stays usable afterwards.

import { test } from "node:test";
import assert from "node:assert/strict";
import { Runtime } from "../../src/api/runtime.js";
import { sandboxHost } from "../../src/host/sandbox.js";
import { readAll } from "../../src/reader/reader.js";
import { Worker } from "node:worker_threads";
import { Interrupted, INTERRUPT_ABORT, INTERRUPT_USER } from "../../src/runtime/interrupts.js";

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

// Native code reads the shared flag at every entry and every 256 loop iterations without
// counting (no store per call); with a budget it counts. Exponential recursion never loops and
// stays shallow, so only the entry check can stop it.
const fib100 = "(define (fib n) (if (< n 2) n (+ (fib (- n 1)) (fib (- n 2))))) (fib 100)";

test("jit: a step budget stops exponential recursion in native code", () => {
  const rt = new Runtime(sandboxHost(), { jit: { enabled: true, threshold: 0, debug: false } });
  const env = rt.newTopLevel();
  rt.interrupts.setBudget({ steps: 2_000_000 });
  assert.throws(() => rt.evalForms(readAll(fib100, "<test>"), env), (e: unknown) => e instanceof Interrupted && e.reason === "steps");
  rt.interrupts.clearBudget();
  assert.equal(rt.interrupts.counting, false);
  assert.equal(rt.evalForms(readAll("(fib 20)", "<test>"), env), 6765);
});

test("jit: another thread's flag stops a native loop and native exponential recursion", async () => {
  const url = new URL("../../src/api/runtime.js", import.meta.url).href;
  const sandbox = new URL("../../src/host/sandbox.js", import.meta.url).href;
  for (const prog of ["(let loop ((n 0)) (loop (+ n 1)))", fib100]) {
    const buf = new SharedArrayBuffer(16);
    const code = `
      const { parentPort, workerData } = require("node:worker_threads");
      Promise.all([import(${JSON.stringify(url)}), import(${JSON.stringify(sandbox)})]).then(([{ Runtime }, { sandboxHost }]) => {
        const rt = new Runtime(sandboxHost(), { jit: { enabled: true, threshold: 0, debug: false }, interruptBuffer: workerData.buf });
        parentPort.postMessage("ready");
        try { rt.runProgram(workerData.prog, "p.scm"); parentPort.postMessage("finished"); }
        catch (e) { parentPort.postMessage(e.constructor.name + ": " + e.message); }
      });`;
    const w = new Worker(code, { eval: true, workerData: { buf, prog } });
    const msg = await new Promise<string>((resolve, reject) => {
      w.on("message", (m: string) => {
        if (m === "ready") setTimeout(() => Atomics.store(new Int32Array(buf), 0, INTERRUPT_USER), 100);
        else resolve(m);
      });
      w.once("error", reject);
    });
    await w.terminate();
    assert.equal(msg, "Interrupted: user interrupt");
  }
});
