// Procedures the JIT leaves to the interpreter because their generated JavaScript would be too
// large for V8 to compile in reasonable time (jit.ts MAX_JIT_WORDS, MAX_JIT_REGISTERS,
// MAX_SPILL_WEIGHT): they run, interpreted, with the same results, and the procedures they call
// are still compiled.
import { test } from "node:test";
import assert from "node:assert/strict";
import { Runtime } from "../../src/api/runtime.js";
import { writeString } from "../../src/runtime/printer.js";
import { Host } from "../../src/host/host.js";
import { MAX_SPILL_WEIGHT, spillWeight } from "../../src/jit/codegen-js.js";
import { Closure } from "../../src/bytecode/code.js";

const host: Host = { stdout: () => {}, stderr: () => {}, monotonicMs: () => 0, wallSeconds: () => 0, commandLine: () => [] };

test("a procedure whose calls would spill too many registers stays interpreted, and agrees", () => {
  // (+ s (f 0 j) (f 1 j) ...): each call's result stays live across the later calls, so the
  // spill text grows with the square of the number of calls.
  const n = 700;
  const sum = `(+ s ${Array.from({ length: n }, (_, i) => `(f ${i} j)`).join(" ")})`;
  const src = `(define (f i x) (+ i x))
    (define (run-all m) (let loop ((j 0) (s 0)) (if (= j m) s (loop (+ j 1) ${sum}))))
    (run-all 3)`;
  const expected = String(3 * (n * (n - 1)) / 2 + n * 3);
  let log = "";
  const rt = new Runtime({ ...host, stderr: (t: string) => { log += t; } }, { jit: { enabled: true, threshold: 0, debug: true } });
  assert.equal(writeString(rt.runProgram(src, "t.scm"), "write"), expected);
  const lines = log.split("\n");
  assert.ok(lines.some((l) => /not compiled loop .*spill \d+ registers in all/.test(l)), lines.filter((l) => /not compiled/.test(l)).join("\n") || "no refusal logged");
  assert.ok(lines.some((l) => /compiled f /.test(l)), "the callee is still compiled");
  const interp = new Runtime(host, { jit: { enabled: false, threshold: 0, debug: false } });
  assert.equal(writeString(interp.runProgram(src, "t.scm"), "write"), expected);
  // The Wasm tier refuses it too (its frames grow the same way: 22 MB, over V8's limit).
  let wasmLog = "";
  const all = new Runtime({ ...host, stderr: (t: string) => { wasmLog += t; } }, { jit: { enabled: true, threshold: 0, debug: true, wasm: "all" } });
  assert.equal(writeString(all.runProgram(src, "t.scm"), "write"), expected);
  assert.doesNotMatch(wasmLog, /\[wasm\] failed/);
  assert.match(wasmLog, /\[wasm\] keeps JS for run-all .*spill \d+ registers in all/);
});

test("the spill weight is what the call sites name: the registers below each callee slot", () => {
  const rt = new Runtime(host, { jit: { enabled: false, threshold: 0, debug: false } });
  const clo = rt.runProgram(`(lambda (a b) (+ (g a) (g b) (g (+ a b))))`, "t.scm") as Closure;
  const w = spillWeight(clo.code, 0);
  assert.ok(w > 0 && w < MAX_SPILL_WEIGHT, String(w));
});
