// What the interpreter's stack keeps alive: the argument slots of a call the interpreter made
// to native code are cleared when it returns (interpreter.ts, clearCalleeSlots). Before, a list
// passed to a compiled procedure stayed reachable from its slot until a later call there
// overwrote it, and survived every scavenge of the recursion that came next (deep-lists:
// 192 MB promoted instead of 22).
import { test } from "node:test";
import assert from "node:assert/strict";
import { Runtime } from "../../src/api/runtime.js";
import { Host } from "../../src/host/host.js";
import { Pair, Primitive } from "../../src/runtime/values.js";

const host: Host = { stdout: () => {}, stderr: () => {}, monotonicMs: () => 0, wallSeconds: () => 0, commandLine: () => [] };

const marked = (v: unknown): boolean => v instanceof Pair && v.car === 7001 && v.cdr instanceof Pair && v.cdr.car === 7002;
// The list itself, or a list holding it (apply's argument list).
function holdsMarkedList(stack: unknown[]): boolean {
  return stack.some((v) => marked(v) || (v instanceof Pair && marked(v.car)));
}

for (const [threshold, call] of [[0, "(len (list 7001 7002 7003))"], [3, "(len (list 7001 7002 7003))"], [0, "(apply len (list (list 7001 7002 7003)))"]] as const) {
  test(`a list passed to native code is not kept by the argument slots: ${call}, threshold ${threshold}`, () => {
    const rt = new Runtime(host, { jit: { enabled: true, threshold, debug: false, wasm: "off" } });
    const env = rt.newTopLevel();
    rt.runProgram(`(define (len l) (let loop ((l l) (n 0)) (if (null? l) n (loop (cdr l) (+ n 1)))))
                   (define (warm k) (if (> k 0) (begin (len '(1)) (warm (- k 1)))))
                   (warm 10)`, "t.scm", env);
    assert.notEqual((rt.runProgram(`len`, "t.scm", env) as { code: { jit: unknown } }).code.jit, null, "len is compiled");
    // The probe looks at the stack while the program runs, after len has returned.
    let held: boolean | null = null;
    rt.defineValue("probe", new Primitive("probe", 0, 0, () => { held = holdsMarkedList(rt.vm.stack); return false; }));
    const n = rt.runProgram(`(let ((n ${call})) (probe) n)`, "t.scm", env);
    assert.equal(n, 3);
    assert.equal(held, false, "the argument slot still holds the list");
  });
}
