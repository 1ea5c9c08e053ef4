// createIsolatedKiln (src/api/isolated.ts): the text API on a worker thread whose heap limit
// holds. Running out of memory ends only the worker: the host gets `ok: false` with "out of
// memory" and lives on, and the next evaluation gets a fresh runtime. Also: definitions and
// output, time and step limits, interrupt() from the host thread, close().

import { test } from "node:test";
import assert from "node:assert/strict";
import { createIsolatedKiln } from "../../src/api/index.js";

test("an isolated kiln evaluates, keeps definitions and collects output", async () => {
  const k = createIsolatedKiln();
  try {
    const r = await k.evaluate("(define (sq x) (* x x)) (display \"hi\") (sq 12)");
    assert.deepEqual(r, { ok: true, value: "144", output: "hi", error: "", outOfMemory: false });
    assert.equal((await k.evaluate("(sq 3)")).value, "9");
    const bad = await k.evaluate("(define (f x)\n  (car x))\n(f 1)", { file: "t.scm" });
    assert.equal(bad.ok, false);
    assert.match(bad.error, /^t\.scm:2:3: car: expected a pair 1\n/);
    // The sandbox: no files, no process.
    assert.match((await k.evaluate("(open-input-file \"/etc/passwd\")")).error, /cannot open|file/);
    assert.deepEqual(await k.evaluate("(exit 3)"), { ok: false, value: "", output: "", error: "exit 3", outOfMemory: false });
  } finally { await k.close(); }
});

test("running out of memory ends only the worker: the host gets an error and the next evaluation a fresh runtime", async () => {
  const k = createIsolatedKiln({ memoryLimitMb: 64 });
  try {
    await k.evaluate("(define kept 1)");
    const r = await k.evaluate("(let loop ((l '())) (loop (cons (make-vector 1000 0) l)))");
    assert.equal(r.ok, false);
    assert.equal(r.outOfMemory, true);
    assert.match(r.error, /^out of memory: the evaluation needed more than the heap limit of 64 MB\n$/);
    assert.equal((await k.evaluate("(+ 1 2)")).value, "3", "a fresh runtime answers");
    assert.match((await k.evaluate("kept")).error, /unbound variable: kept/, "the old definitions are gone");
  } finally { await k.close(); }
});

test("time and step limits, and interrupt() from the host thread", async () => {
  const k = createIsolatedKiln({ timeLimit: 5000 });
  try {
    assert.match((await k.evaluate("(let loop () (loop))", { timeLimit: 100 })).error, /time limit exceeded/);
    assert.match((await k.evaluate("(define (f) (f)) (f)", { stepLimit: 100_000 })).error, /step limit exceeded/);
    assert.match((await k.evaluate("(define-syntax m (syntax-rules () ((_) (m)))) (m)", { stepLimit: 100_000 })).error,
      /step limit exceeded/, "macro expansion counts against the step budget");
    const running = k.evaluate("(let loop ((i 0)) (loop (+ i 1)))", { timeLimit: 60_000 });
    setTimeout(() => k.interrupt(), 200);
    assert.match((await running).error, /evaluation aborted/);
    assert.equal((await k.evaluate("(+ 1 2)")).value, "3", "usable after an interrupt");
  } finally { await k.close(); }
  await assert.rejects(k.evaluate("1"), /closed/);
  assert.throws(() => createIsolatedKiln({ memoryLimitMb: 4 }), /memoryLimitMb/);
});

test("one allocation too big for the room left under the heap limit is a Scheme error, not a fatal one", async () => {
  // Node survives a worker reaching its heap limit only by a 16 MB margin: these once ended
  // the whole process under a 100 MB limit (src/runtime/heap-room.ts).
  const k = createIsolatedKiln({ memoryLimitMb: 100 });
  try {
    const cases: [string, RegExp][] = [
      ["(vector-length (make-vector 20000000 0))", /^<eval>:1:16: make-vector: out of memory: \d+ MB more do not fit under the heap limit of 100 MB\n/],
      ["(let loop ((v (make-vector 4000000 1))) (loop (vector-append v v)))", /vector-append: out of memory/],
      ["(define big (make-vector 5000000 0)) (let loop ((l (list big))) (loop (cons (vector-copy big) l)))", /vector-copy: out of memory|out of memory: the evaluation/],
      ["(vector-length (list->vector (make-list 30000000 0)))", /list->vector: out of memory|out of memory: the evaluation/],
    ];
    for (const [src, expected] of cases) {
      const r = await k.evaluate(src);
      assert.equal(r.ok, false, src);
      assert.match(r.error, expected, src);
    }
    // The program can catch it, and the instance (or a fresh one) goes on.
    assert.equal((await k.evaluate("(guard (e (#t (error-object-message e))) (make-vector 30000000 0) 'no)")).value.includes("out of memory"), true);
    assert.equal((await k.evaluate("(vector-length (make-vector 1000000 0))")).value, "1000000");
  } finally { await k.close(); }
});
