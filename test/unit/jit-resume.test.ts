// Native code that stays native (issue 7): frames reified from native code are finished by
// resume entries (native code for the rest of a procedure after a call), a JS stack overflow
// in native code is caught and the call continued by the interpreter, and a runtime on a
// thread with a larger stack gets a native depth budget in proportion.
import { test } from "node:test";
import assert from "node:assert/strict";
import { Worker } from "node:worker_threads";
import { Runtime } from "../../src/api/runtime.js";
import { writeString } from "../../src/runtime/printer.js";
import { Host } from "../../src/host/host.js";
import { nativeDepthBudget, COLD_NATIVE_DEPTH, MAX_NATIVE_DEPTH, MAX_NATIVE_SLOTS } from "../../src/jit/native-runtime.js";

const host: Host = { stdout: () => {}, stderr: () => {}, monotonicMs: () => 0, wallSeconds: () => 0, commandLine: () => [] };
const eager = (stackMb?: number): Runtime => new Runtime(host, { jit: { enabled: true, threshold: 0, debug: false, stackMb } });
const run = (rt: Runtime, src: string): string => writeString(rt.runProgram(src, "p.scm"), "write");

const deepMap = `(define (my-map f l) (if (null? l) '() (cons (f (car l)) (my-map f (cdr l)))))
  (define (iota* n) (let loop ((i 0) (acc '())) (if (= i n) acc (loop (+ i 1) (cons i acc)))))
  (define (sum l) (let loop ((l l) (s 0)) (if (null? l) s (loop (cdr l) (+ s (car l))))))
  (sum (my-map (lambda (x) (* 2 x)) (iota* 200000)))`;

const twiceDeepMap = `(import (scheme base) (kiln jit))
  (define (my-map f l) (if (null? l) '() (cons (f (car l)) (my-map f (cdr l)))))
  (define (iota* n) (let loop ((i 0) (acc '())) (if (= i n) acc (loop (+ i 1) (cons i acc)))))
  (define (sum l) (let loop ((l l) (s 0)) (if (null? l) s (loop (cdr l) (+ s (car l))))))
  (define (reified) (cdr (assq 'reifications (jit-statistics))))
  (define (go) (sum (my-map (lambda (x) (* 2 x)) (iota* 200000))))
  (define first (go))
  (define cold (reified))
  (define second (go))
  (if (= first second 39999800000) (- (reified) cold) (list first second))`;

test("frames reified by the depth budget finish in native code (resume entries)", () => {
  const rt = eager();
  assert.equal(run(rt, deepMap), "39999800000");
  assert.ok(rt.jit.stats.reifications > 0, "the main thread's budget is reached");
  assert.ok(rt.jit.stats.resumes > 0, "resume entries are compiled for the return points");
});

test("a frame resumed natively keeps tail calls, errors and continuations right", () => {
  const rt = eager();
  // After the deep call returns, the rest of `f` runs natively: a self tail call, a raise
  // caught by guard, and a continuation re-entered into the resumed frame.
  const src = `(define (deep n) (if (= n 0) 0 (+ 1 (deep (- n 1)))))
    (define k #f) (define hits 0)
    (define (f n acc) (if (= n 0) acc
       (let ((d (deep 20000)))
         (call/cc (lambda (c) (set! k c)))
         (set! hits (+ hits 1))
         (f (- n 1) (+ acc d)))))
    (define r (f 3 0))
    (define g (guard (e (#t (list 'caught e))) (let ((d (deep 20000))) (raise d))))
    (if (< hits 5) (k #f) (list r hits g))`;
  assert.equal(run(rt, src), "(60000 5 (caught 20000))");
});

test("a JS stack overflow in native code is caught and the call continued", () => {
  const rt = eager();
  rt.jit.native.maxDepth = 1e12;  // no budget: native code recurses until V8's stack limit
  // (h 10) first: once warm, h goes native as deep as the budget (no warm-up spills).
  const src = `(define (h n) (if (= n 0) 0 (+ 1 (h (- n 1))))) (h 10) (h 300000)`;
  assert.equal(run(rt, src), "300000");
  assert.ok(rt.jit.stats.reifications > 0);
});

test("frames at the end of the JS stack are reified exactly: no effect is made twice", () => {
  // Every frame records itself on the way out of an overflow (exits.ts, pooled records): a
  // frame lost there would have its call made again by its caller, counting twice.
  const rt = eager();
  rt.jit.native.maxDepth = 1e12;
  const src = `(define count 0)
    (define (h n) (set! count (+ count 1)) (if (= n 0) 0 (+ 1 (h (- n 1)))))
    (h 10)
    (set! count 0)
    (list (h 200000) count)`;
  assert.equal(run(rt, src), "(200000 200001)");
  assert.ok(rt.jit.stats.reifications > 0);
});

test("a newly compiled procedure goes native only a little deep until its calls have returned", () => {
  // (deep 400) needs about 4,000 slots: within the main thread's budget (6,000), beyond the
  // cold budget (2,048). Cold, the first descent is spilled in chunks; after a few returns the
  // budget has doubled up to the whole budget, and the same call stays native.
  const rt = eager();
  assert.equal(rt.jit.native.maxDepth, MAX_NATIVE_DEPTH);
  assert.ok(COLD_NATIVE_DEPTH * 2 < MAX_NATIVE_DEPTH);
  const src = `(import (scheme base) (kiln jit))
    (define (deep n) (if (= n 0) '() (cons n (deep (- n 1)))))
    (define (reified) (cdr (assq 'reifications (jit-statistics))))
    (define first (length (deep 400)))
    (define cold (reified))
    (define second (length (deep 400)))
    (list first second cold (- (reified) cold))`;
  const [first, second, cold, warm] = run(rt, src).slice(1, -1).split(" ").map(Number);
  assert.deepEqual([first, second], [400, 400]);
  assert.ok(cold > 0, "the cold descent is spilled");
  assert.equal(warm, 0, "warm, the same descent stays native");
});

test("the depth budget grows with the thread's stack, up to a cap", () => {
  assert.equal(nativeDepthBudget(1), MAX_NATIVE_DEPTH);
  assert.ok(nativeDepthBudget(4) > MAX_NATIVE_DEPTH);
  assert.equal(nativeDepthBudget(1024), MAX_NATIVE_SLOTS);
});

test("on a worker with a 512 MB stack, 200,000-deep recursion spills native frames in chunks and resumes them natively", async () => {
  const url = new URL("../../src/api/runtime.js", import.meta.url).href;
  const code = `
    const { parentPort } = require("node:worker_threads");
    import(${JSON.stringify(url)}).then(({ Runtime }) => {
      const host = { stdout() {}, stderr() {}, monotonicMs: () => 0, wallSeconds: () => 0, commandLine: () => [] };
      const rt = new Runtime(host, { jit: { enabled: true, threshold: 0, debug: false, stackMb: 512 } });
      const v = rt.runProgram(${JSON.stringify(twiceDeepMap)}, "p.scm");
      parentPort.postMessage({ v: String(v), reifications: rt.jit.stats.reifications, resumes: rt.jit.stats.resumes });
    });`;
  const w = new Worker(code, { eval: true, resourceLimits: { stackSizeMb: 512 } });
  const msg = await new Promise<{ v: string; reifications: number; resumes: number }>((resolve, reject) => {
    w.once("message", resolve); w.once("error", reject);
  });
  await w.terminate();
  // The first run spills its first descent in small chunks (the warm-up budget); the second,
  // warm, only where the budget is reached: it is capped (a very deep JS stack makes every
  // scavenge slow), so a few large spills.
  const warm = Number(msg.v);
  assert.ok(warm > 0 && warm < 200, String(warm));
  assert.ok(msg.resumes > 0);
});
