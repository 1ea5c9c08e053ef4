// Budgets and interrupts through the embedding API: a time limit, a step limit and an
// AbortSignal stop a runaway loop in the interpreter and in native code, with a clear error;
// Scheme cannot catch it; the runtime stays usable.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createRuntime, KilnError } from "../../src/api/index.js";

const tiers = [
  { name: "interpreter", jit: false as const },
  { name: "native code", jit: { threshold: 0 } },
];

/** The error of an interrupted evaluation; one stopped while running has a Scheme backtrace. */
const interrupted = (reason: string, running = false) => (e: unknown): boolean =>
  e instanceof KilnError && e.kind === "interrupted" && e.reason === reason && (!running || e.backtrace.length > 0);

for (const tier of tiers) {
  test(`${tier.name}: a time limit stops (let loop () (loop)); the runtime goes on`, () => {
    const k = createRuntime({ jit: tier.jit });
    assert.throws(() => k.evaluate("(let loop () (loop))", { timeLimit: 50 }), (e: unknown) =>
      interrupted("timeout", true)(e) && /time limit exceeded/.test((e as Error).message));
    assert.equal(k.evaluate("(+ 1 2)"), 3);
    // No budget: a long loop runs to its end.
    assert.equal(k.evaluate("(let loop ((i 0)) (if (< i 300000) (loop (+ i 1)) i))"), 300000);
  });

  test(`${tier.name}: a step limit counts calls and iterations`, () => {
    const k = createRuntime({ jit: tier.jit });
    assert.equal(k.evaluate("(let loop ((i 0)) (if (< i 1000) (loop (+ i 1)) i))", { stepLimit: 100_000 }), 1000);
    assert.throws(() => k.evaluate("(define (f n) (f (+ n 1))) (f 0)", { stepLimit: 100_000 }), interrupted("steps", true));
    assert.throws(() => k.evaluate("(f 0)", { stepLimit: 0 }), interrupted("steps"));
  });

  test(`${tier.name}: guard and with-exception-handler cannot catch an interrupt`, () => {
    const k = createRuntime({ jit: tier.jit });
    assert.throws(() => k.evaluate("(guard (e (#t 'caught)) (let loop () (loop)))", { timeLimit: 30 }), interrupted("timeout"));
    assert.equal(k.evaluate("(guard (e (#t 'caught)) (raise 'x))"), Symbol.for("caught"));
  });

  test(`${tier.name}: an AbortSignal aborted by JS code the program calls`, () => {
    const controller = new AbortController();
    let calls = 0;
    const k = createRuntime({ jit: tier.jit, define: { tick: () => { if (++calls === 1000) controller.abort(); } } });
    assert.throws(() => k.evaluate("(let loop () (tick) (loop))", { signal: controller.signal }), interrupted("abort", true));
    assert.throws(() => k.evaluate("1", { signal: controller.signal }), interrupted("abort"));   // already aborted
    assert.equal(k.evaluate("2"), 2);
  });
}

test("evaluateAsync: an AbortSignal or time limit ends an evaluation waiting for a promise", async () => {
  const k = createRuntime();
  k.defineAsync("never", () => new Promise(() => { /* never settles */ }));
  const controller = new AbortController();
  setTimeout(() => controller.abort(), 20);
  await assert.rejects(k.evaluateAsync("(guard (e (#t 'caught)) (never))", { signal: controller.signal }), interrupted("abort"));
  await assert.rejects(k.evaluateAsync("(never)", { timeLimit: 20 }), interrupted("timeout"));
  assert.equal(await k.evaluateAsync("(+ 1 1)"), 2);
});

test("evaluateAsync: the step and time budgets span every slice of the evaluation", async () => {
  const k = createRuntime();
  k.defineAsync("pause", () => new Promise((r) => setTimeout(r, 1)));
  await assert.rejects(k.evaluateAsync(`
    (define (spin n) (if (> n 0) (spin (- n 1))))
    (let loop () (spin 5000) (pause) (loop))`, { stepLimit: 50_000 }), interrupted("steps"));
  await assert.rejects(k.evaluateAsync("(let loop () (pause) (loop))", { timeLimit: 40 }), interrupted("timeout"));
});
