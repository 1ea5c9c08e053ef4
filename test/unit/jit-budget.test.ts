// The JIT's compilation budget (src/jit/policy.ts): under it a procedure is compiled at the
// threshold; once both tiers have compiled for longer than the budget allows, a procedure waits
// for HEAT_FACTOR times the threshold.
import { test } from "node:test";
import assert from "node:assert/strict";
import { Runtime } from "../../src/api/runtime.js";
import { Host } from "../../src/host/host.js";
import { Closure } from "../../src/bytecode/code.js";
import { HEAT_FACTOR, JIT_BUDGET_MS } from "../../src/jit/policy.js";

const host: Host = { stdout: () => {}, stderr: () => {}, monotonicMs: () => 0, wallSeconds: () => 0, commandLine: () => [] };
const threshold = 10;

// One top level for the program that defines f and for the programs that call it.
function fresh(): { rt: Runtime; f: Closure; calls: (n: number) => void } {
  const rt = new Runtime(host, { jit: { enabled: true, threshold, debug: false, wasm: "off" } });
  const env = rt.newTopLevel();
  const f = rt.runProgram(`(define (f x) (if (pair? x) (car x) x)) f`, "t.scm", env) as Closure;
  const calls = (n: number): void => {
    rt.runProgram(`(let loop ((i 0)) (if (< i ${n}) (begin (f i) (loop (+ i 1)))))`, "t.scm", env);
  };
  return { rt, f, calls };
}

test("under the budget a procedure is compiled at the threshold", () => {
  const { f, calls } = fresh();
  calls(threshold + 2);
  assert.notEqual(f.code.jit, null);
});

test("over the budget it waits for HEAT_FACTOR times the threshold, then compiles", () => {
  const { rt, f, calls } = fresh();
  rt.jit.stats.compileMs = JIT_BUDGET_MS + 1e9;
  calls(threshold * HEAT_FACTOR - threshold);
  assert.equal(f.code.jit, null, "compiled over budget before HEAT_FACTOR x threshold");
  calls(2 * threshold);
  assert.notEqual(f.code.jit, null, "not compiled at HEAT_FACTOR x threshold");
});

test("at threshold 0 the budget never delays a compilation", () => {
  const rt = new Runtime(host, { jit: { enabled: true, threshold: 0, debug: false, wasm: "off" } });
  rt.jit.stats.compileMs = JIT_BUDGET_MS + 1e9;
  const f = rt.runProgram(`(define (f x) x) (f 1) f`, "t.scm") as Closure;
  assert.notEqual(f.code.jit, null);
});
